package dev.ferry.sim.dentes.datagen;

import static dev.ferry.sim.dentes.datagen.LoadedDataset.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sim.dentes.datagen.realism.NationalIds;
import dev.ferry.sim.dentes.datagen.realism.TurkishPhones;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TurkishRealismTest {

    private final LoadedDataset ds = SharedDataset.get();

    @Test
    void namesCarryTurkishLetters() {
        String names = ds.of("patients").stream()
                .map(p -> text(p, "first_name") + " " + text(p, "last_name")).collect(Collectors.joining(" "));
        for (String letter : List.of("İ", "ı", "ş", "ğ", "ü", "ö", "ç", "Ş", "Ö", "Ç", "Ü")) {
            assertThat(names).as("some name has " + letter).contains(letter);
        }
    }

    @Test
    void phonesAreTurkishNumbersWrittenManyWays() {
        List<String> phones = new ArrayList<>();
        ds.of("patients").forEach(p -> {
            if (text(p, "mobile_phone") != null) {
                phones.add(text(p, "mobile_phone"));
            }
            if (text(p, "home_phone") != null) {
                phones.add(text(p, "home_phone"));
            }
        });
        Map<String, Integer> shapes = new HashMap<>();
        for (String phone : phones) {
            String digits = phone.replaceAll("\\D", "");
            String national = digits.startsWith("0090") ? digits.substring(4)
                    : digits.startsWith("90") && digits.length() == 12 ? digits.substring(2)
                    : digits.startsWith("0") ? digits.substring(1) : digits;
            assertThat(national).as(phone).hasSize(10).matches("[2-5]\\d{9}");
            shapes.merge(phone.replaceAll("\\d", "9"), 1, Integer::sum);
        }
        assertThat(shapes.keySet()).as("distinct spellings").hasSizeGreaterThanOrEqualTo(8)
                .contains("+99 999 999 99 99", "9999 999 9999", "99999999999", "(9999) 999-99-99", "999 999 99 99");
        assertThat(phones).anyMatch(p -> p.startsWith("90 ")).anyMatch(p -> p.startsWith("+90"));
    }

    @Test
    void everyNationalIdHasAValidChecksum() {
        List<String> ids = ds.of("patients").stream().map(p -> text(p, "national_id")).filter(s -> s != null).toList();
        assertThat(ids.size()).isGreaterThan(SharedDataset.PATIENTS * 8 / 10);
        assertThat(ids).allMatch(NationalIds::isValidTcKimlik);
    }

    @Test
    void checksumRulesRejectWrongDigits() {
        assertThat(NationalIds.isValidTcKimlik("10000000146")).isTrue();
        assertThat(NationalIds.isValidTcKimlik("10000000147")).isFalse();
        assertThat(NationalIds.isValidTcKimlik("10000000156")).isFalse();
        assertThat(NationalIds.isValidTcKimlik("01234567890")).isFalse();
        assertThat(NationalIds.isValidTcKimlik("1000000014")).isFalse();
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(NationalIds.isValidTcKimlik(NationalIds.tcKimlik(r))).isTrue();
        }
    }

    @Test
    void everyPhoneStyleFormatsTheSameNumber() {
        for (TurkishPhones.Style style : TurkishPhones.Style.values()) {
            String written = TurkishPhones.format("5321234567", style);
            assertThat(written.replaceAll("\\D", "")).endsWith("5321234567");
        }
        assertThat(TurkishPhones.format("5321234567", TurkishPhones.Style.NATIONAL_PARENTHESES)).isEqualTo("(0532) 123-45-67");
        assertThat(TurkishPhones.format("5321234567", TurkishPhones.Style.INTERNATIONAL_SPACED)).isEqualTo("+90 532 123 45 67");
    }

    @Test
    void emailsDeriveFromNamesAndSomeKeepTurkishCapitals() {
        List<JsonNode> withEmail = ds.of("patients").stream().filter(p -> text(p, "email") != null).toList();
        assertThat(withEmail.size()).isGreaterThan(SharedDataset.PATIENTS * 7 / 10);
        Set<String> turkishCased = new HashSet<>();
        ds.manifest.path("traps").path("TURKISH_CASE_EMAIL").forEach(e -> turkishCased.add(e.path("id").asText()));
        assertThat(withEmail.stream().filter(p -> turkishCased.contains(p.path("id").asText())))
                .anyMatch(p -> text(p, "email").matches(".*[İŞĞÜÖÇ].*"))
                .allMatch(p -> text(p, "email").startsWith(text(p, "first_name").replace(" ", "")));
    }

    @Test
    void moneyIsADecimalStringWithCurrencyMostlyLira() {
        Map<String, Integer> currencies = new HashMap<>();
        for (JsonNode b : ds.of("billing-records")) {
            assertThat(b.path("total_amount").isTextual()).isTrue();
            // The contract's 7500.00, or the Turkish 7.500,00 of the BILLING_COMMA_DECIMAL trap; a credit is negative.
            assertThat(b.path("total_amount").asText()).matches("\\d+\\.\\d{2}|\\d{1,3}(\\.\\d{3})*,\\d{2}");
            assertThat(b.path("outstanding_balance").asText()).matches("-?\\d+\\.\\d{2}|-?\\d{1,3}(\\.\\d{3})*,\\d{2}");
            currencies.merge(b.path("currency").asText(), 1, Integer::sum);
        }
        assertThat(currencies.keySet()).containsExactlyInAnyOrder("TRY", "EUR", "USD");
        assertThat(currencies.get("TRY")).isGreaterThan(ds.of("billing-records").size() * 8 / 10);
    }

    @Test
    void addressesAreInTurkishCities() {
        Set<String> cities = ds.of("patients").stream().map(p -> p.path("address").path("city").asText(null))
                .filter(c -> c != null).collect(Collectors.toSet());
        assertThat(cities).contains("İstanbul").hasSizeGreaterThan(10);
        assertThat(ds.of("clinics")).allSatisfy(c -> assertThat(c.path("address").path("country").asText()).isEqualTo("TR"));
    }
}
