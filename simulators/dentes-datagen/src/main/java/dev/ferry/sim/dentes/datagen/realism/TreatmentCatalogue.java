package dev.ferry.sim.dentes.datagen.realism;

import java.math.BigDecimal;
import java.util.List;

/**
 * The practice's treatment-code catalogue: CDT-style codes with Turkish names and 2024-25 Istanbul private-practice
 * prices in TRY (a few health-tourism packages priced in EUR). The prices are a guess from public price lists of
 * Turkish dental clinics, not data from a real tenant.
 */
public final class TreatmentCatalogue {

    /** One catalogue entry. */
    public record Item(String code, String name, String description, String category, String treatmentType,
                       BigDecimal unitPrice, String currency, boolean active) {
    }

    /** Treatment types a case or a patient carries. */
    public static final List<String> TREATMENT_TYPES = List.of(
            "PREVENTIVE", "RESTORATIVE", "ENDODONTICS", "PERIODONTICS", "PROSTHODONTICS", "IMPLANT", "ORTHODONTICS",
            "ORAL_SURGERY", "COSMETIC", "PEDIATRIC");

    /** How often each treatment type is the reason a case opens (same order as {@link #TREATMENT_TYPES}). */
    public static final int[] TREATMENT_TYPE_WEIGHTS = {22, 20, 12, 8, 9, 8, 7, 6, 5, 3};

    public static final List<Item> ITEMS = List.of(
            item("D0120", "Periyodik ağız muayenesi", "Kontrol muayenesi", "Teşhis", "PREVENTIVE", "1200"),
            item("D0150", "Kapsamlı ağız muayenesi", "İlk muayene ve tedavi planı", "Teşhis", "PREVENTIVE", "1800"),
            item("D0210", "Tam ağız röntgen serisi", "Periapikal ve bitewing seri", "Radyoloji", "PREVENTIVE", "2200"),
            item("D0330", "Panoramik röntgen", "Panoramik film", "Radyoloji", "PREVENTIVE", "900"),
            item("D0367", "Konik ışınlı BT (CBCT)", "Üç boyutlu tomografi", "Radyoloji", "IMPLANT", "3500"),
            item("D1110", "Diş taşı temizliği (yetişkin)", "Profilaksi", "Koruyucu", "PREVENTIVE", "2500"),
            item("D1120", "Diş taşı temizliği (çocuk)", "Profilaksi", "Koruyucu", "PEDIATRIC", "1500"),
            item("D1206", "Florür vernik uygulaması", "Topikal florür", "Koruyucu", "PEDIATRIC", "800"),
            item("D1351", "Fissür örtücü", "Diş başına", "Koruyucu", "PEDIATRIC", "900"),
            item("D2140", "Amalgam dolgu (tek yüz)", "Amalgam restorasyon", "Restoratif", "RESTORATIVE", "2000"),
            item("D2330", "Kompozit dolgu (ön diş, tek yüz)", "Estetik dolgu", "Restoratif", "RESTORATIVE", "3000"),
            item("D2391", "Kompozit dolgu (arka diş, tek yüz)", "Estetik dolgu", "Restoratif", "RESTORATIVE", "3500"),
            item("D2392", "Kompozit dolgu (arka diş, iki yüz)", "Estetik dolgu", "Restoratif", "RESTORATIVE", "4500"),
            item("D2740", "Zirkonyum kron", "Tam seramik kron", "Protez", "PROSTHODONTICS", "12000"),
            item("D2750", "Metal destekli porselen kron", "Porselen kron", "Protez", "PROSTHODONTICS", "8000"),
            item("D2962", "Laminate veneer", "Porselen lamina", "Estetik", "COSMETIC", "14000"),
            item("D3310", "Kanal tedavisi (ön diş)", "Endodontik tedavi", "Endodonti", "ENDODONTICS", "6000"),
            item("D3320", "Kanal tedavisi (küçük azı)", "Endodontik tedavi", "Endodonti", "ENDODONTICS", "7000"),
            item("D3330", "Kanal tedavisi (büyük azı)", "Endodontik tedavi", "Endodonti", "ENDODONTICS", "8500"),
            item("D3346", "Kanal tedavisi yenileme", "Retreatment", "Endodonti", "ENDODONTICS", "9500"),
            item("D4341", "Kök yüzeyi düzleştirme (kadran)", "Küretaj", "Periodonti", "PERIODONTICS", "3000"),
            item("D4910", "Periodontal bakım", "İdame tedavisi", "Periodonti", "PERIODONTICS", "2200"),
            item("D4260", "Flep operasyonu", "Osseöz cerrahi", "Periodonti", "PERIODONTICS", "9000"),
            item("D5110", "Tam protez (üst çene)", "Total protez", "Protez", "PROSTHODONTICS", "18000"),
            item("D5213", "Parsiyel protez (üst çene)", "Metal iskeletli", "Protez", "PROSTHODONTICS", "16000"),
            item("D6010", "İmplant (cerrahi yerleştirme)", "Endosteal implant", "İmplantoloji", "IMPLANT", "30000"),
            item("D6057", "İmplant üstü abutment", "Özel abutment", "İmplantoloji", "IMPLANT", "7000"),
            item("D6065", "İmplant üstü seramik kron", "Zirkonyum kron", "İmplantoloji", "IMPLANT", "14000"),
            item("D7140", "Diş çekimi (basit)", "Erüpte diş çekimi", "Cerrahi", "ORAL_SURGERY", "2000"),
            item("D7210", "Cerrahi diş çekimi", "Kemik içi çekim", "Cerrahi", "ORAL_SURGERY", "4500"),
            item("D7240", "Gömülü yirmilik dişi çekimi", "Tam kemik retansiyonlu", "Cerrahi", "ORAL_SURGERY", "7500"),
            item("D7953", "Kemik grefti", "Soket koruma", "Cerrahi", "IMPLANT", "8000"),
            item("D8080", "Kapsamlı ortodontik tedavi (braket)", "Sabit ortodonti", "Ortodonti", "ORTHODONTICS", "65000"),
            item("D8090", "Şeffaf plak tedavisi", "Aligner", "Ortodonti", "ORTHODONTICS", "85000"),
            item("D8680", "Ortodontik pekiştirme", "Retainer", "Ortodonti", "ORTHODONTICS", "5000"),
            item("D9110", "Acil ağrı tedavisi", "Palyatif tedavi", "Acil", "RESTORATIVE", "1500"),
            item("D9944", "Gece plağı", "Bruksizm splinti", "Diğer", "PROSTHODONTICS", "4500"),
            item("D9972", "Diş beyazlatma (ofis tipi)", "Harici beyazlatma", "Estetik", "COSMETIC", "7500"),
            new Item("D6010-PKG", "İmplant paketi (sağlık turizmi)", "İmplant + abutment + kron", "İmplantoloji",
                    "IMPLANT", new BigDecimal("650.00"), "EUR", true),
            new Item("D2740-PKG", "Hollywood gülüşü paketi (20 zirkonyum)", "Sağlık turizmi paketi", "Estetik",
                    "COSMETIC", new BigDecimal("3900.00"), "EUR", true),
            new Item("D0470", "Teşhis modeli (alçı)", "Artık kullanılmıyor; dijital tarama", "Teşhis", "ORTHODONTICS",
                    new BigDecimal("600.00"), "TRY", false));

    private TreatmentCatalogue() {
    }

    private static Item item(String code, String name, String description, String category, String type, String price) {
        return new Item(code, name, description, category, type, new BigDecimal(price), "TRY", true);
    }

    public static List<Item> forTreatmentType(String type) {
        List<Item> items = ITEMS.stream().filter(i -> i.active() && i.treatmentType().equals(type)).toList();
        return items.isEmpty() ? ITEMS.subList(0, 6) : items;
    }
}
