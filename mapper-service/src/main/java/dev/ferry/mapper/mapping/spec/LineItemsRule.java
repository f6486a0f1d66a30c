package dev.ferry.mapper.mapping.spec;

/**
 * A deal's line items from a list in the source record ({@code line-items:} in the spec): each item names a product
 * of the run, a quantity and the unit price as charged, and becomes
 * {@code {"id": <TypedRef to the product>, "quantity": q, "unit_price": p}} in the deal's {@code products}. Freshsales
 * line items have no field for a tooth, so the items' tooth numbers are kept, in order, as text in {@code teethTo}.
 *
 * <p>An item naming no product, a product Dr.DENTES lacks, or one the mapper rejected is left out with a note (the
 * deal still loads); an item whose product is not decided yet holds the deal until it is. The product link is optional:
 * a product that fails in the loader costs its line, not the deal.
 *
 * @param from the source path of the list (e.g. {@code procedures})
 * @param product the item's field holding the product id
 * @param quantity the item's field holding the quantity (1 when empty)
 * @param unitPrice the item's field holding the unit price as charged (read like {@code decimal})
 * @param teethTo the target field for the items' tooth numbers, or null
 * @param tooth the item's field holding its tooth number, or null
 */
public record LineItemsRule(SourcePath from, String product, String quantity, String unitPrice, String teethTo,
        String tooth) {
}
