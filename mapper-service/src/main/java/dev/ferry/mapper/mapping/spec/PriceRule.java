package dev.ferry.mapper.mapping.spec;

/**
 * A product's price in its currency ({@code price:} in the spec): Freshsales keeps prices per currency as
 * {@code product_pricings: [{"currency_code": "TRY", "unit_price": 7500.00}]}. The amount is read like any decimal
 * ({@code 7.500,00} is 7500.00); an amount that is no number, or a price without a currency, is left out with a note
 * (the product still loads, without a price).
 *
 * @param amount the source path of the unit price
 * @param currency the source path of the ISO currency code
 */
public record PriceRule(SourcePath amount, SourcePath currency) {
}
