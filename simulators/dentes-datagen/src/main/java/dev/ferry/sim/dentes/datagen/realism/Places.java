package dev.ferry.sim.dentes.datagen.realism;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Turkish addresses. City names of out-of-town patients come from datafaker's Turkish locale; the locale has no
 * districts or streets, so the few cities that host clinics carry their own district lists and postal prefixes.
 */
public final class Places {

    /** A city that can host a clinic branch, with its districts, landline area code and postal-code prefix. */
    public record City(String name, List<String> districts, int areaCode, String postalPrefix) {
    }

    public static final List<City> CLINIC_CITIES = List.of(
            new City("İstanbul", List.of("Kadıköy", "Beşiktaş", "Üsküdar", "Şişli", "Bakırköy", "Ataşehir",
                    "Beylikdüzü", "Maltepe", "Sarıyer", "Fatih", "Esenyurt", "Pendik", "Çekmeköy", "Kağıthane"), 216, "34"),
            new City("Ankara", List.of("Çankaya", "Keçiören", "Yenimahalle", "Etimesgut", "Mamak", "Gölbaşı"), 312, "06"),
            new City("İzmir", List.of("Karşıyaka", "Bornova", "Konak", "Buca", "Çiğli", "Gaziemir"), 232, "35"),
            new City("Bursa", List.of("Nilüfer", "Osmangazi", "Yıldırım", "Mudanya"), 224, "16"),
            new City("Antalya", List.of("Muratpaşa", "Konyaaltı", "Kepez", "Lara"), 242, "07"),
            new City("Eskişehir", List.of("Odunpazarı", "Tepebaşı"), 222, "26"),
            new City("Trabzon", List.of("Ortahisar", "Akçaabat", "Yomra"), 462, "61"));

    private static final String[] STREET_NAMES = {
        "Atatürk", "Cumhuriyet", "İnönü", "İstiklal", "Gazi Mustafa Kemal", "Bağdat", "Fevzi Çakmak", "Mithatpaşa",
        "Şehit Piyade Er Ali Öztürk", "Çamlık", "Gül", "Menekşe", "Lale", "Papatya", "Zübeyde Hanım", "Kazım Karabekir",
        "Barış", "Ihlamur", "Söğütlü", "Yeşilyurt"};
    private static final String[] NEIGHBOURHOOD_SUFFIX = {"Mah.", "Mahallesi", "Mh."};
    private static final String[] STREET_KIND = {"Cad.", "Caddesi", "Sok.", "Sokak", "Blv."};

    private Places() {
    }

    /** An address object in the contract's shape, in a given city (district may be null for out-of-town). */
    public static ObjectNode address(Random random, City city) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        String hood = Distributions.pick(random, STREET_NAMES) + " " + Distributions.pick(random, NEIGHBOURHOOD_SUFFIX);
        String street = Distributions.pick(random, STREET_NAMES) + " " + Distributions.pick(random, STREET_KIND);
        a.put("line1", hood + " " + street + " No:" + (1 + random.nextInt(280)));
        a.put("line2", random.nextInt(3) == 0 ? null : "D:" + (1 + random.nextInt(24)));
        a.put("district", Distributions.pick(random, city.districts()));
        a.put("city", city.name());
        a.put("postal_code", city.postalPrefix() + String.format("%03d", random.nextInt(1000)));
        a.put("country", "TR");
        return a;
    }

    /** An address in a city drawn from datafaker's Turkish city names, district unknown. */
    public static ObjectNode outOfTownAddress(Random random, Faker faker) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("line1", Distributions.pick(random, STREET_NAMES) + " " + Distributions.pick(random, STREET_KIND)
                + " No:" + (1 + random.nextInt(120)));
        a.putNull("line2");
        a.putNull("district");
        a.put("city", faker.address().cityName());
        a.put("postal_code", String.format("%05d", 1000 + random.nextInt(80000)));
        a.put("country", "TR");
        return a;
    }
}
