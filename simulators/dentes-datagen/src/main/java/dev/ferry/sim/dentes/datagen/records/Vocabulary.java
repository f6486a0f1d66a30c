package dev.ferry.sim.dentes.datagen.records;

/**
 * The Turkish practice's value lists the record builders draw from. Hand-written: datafaker's Turkish locale has
 * names and cities but no dental, insurance or clinic vocabulary.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    static final String[] LEAD_SOURCES = {"REFERRAL", "WALK_IN", "MARKETING", "ONLINE", "OTHER"};
    static final int[] LEAD_SOURCE_WEIGHTS = {30, 15, 20, 30, 5};
    static final String[] INQUIRY_TYPES = {
        "İmplant fiyat bilgisi", "Şeffaf plak danışmanlığı", "Diş beyazlatma", "Acil diş ağrısı", "Genel muayene",
        "Çocuk diş hekimliği", "Zirkonyum kaplama", "Hollywood gülüşü (yurt dışından)", "İkinci görüş"};
    static final String[] INSURERS = {
        "SGK", "Allianz Sigorta", "Axa Sigorta", "Anadolu Sigorta", "Acıbadem Sigorta", "Mapfre Sigorta",
        "Türkiye Sigorta", "Cigna"};
    static final String[] LANGUAGES = {"tr", "en", "de", "ar", "ru"};
    static final int[] LANGUAGE_WEIGHTS = {88, 5, 3, 2, 2};
    static final String[] APPOINTMENT_TYPES = {"CHECKUP", "CLEANING", "TREATMENT", "CONSULTATION", "EMERGENCY"};
    static final int[] APPOINTMENT_TYPE_WEIGHTS = {25, 20, 40, 10, 5};
    static final int[] DURATIONS = {15, 20, 30, 45, 60, 90, 120};
    static final int[] DURATION_WEIGHTS = {5, 10, 35, 20, 20, 7, 3};
    static final String[] CANCEL_REASONS = {
        "Hasta aradı, iş yoğunluğu", "Hasta hastalandı", "Hekim izinli", "Hasta ulaşılamadı", "Tekrar arayacak",
        "Hava koşulları", "Başka klinikte tedavi oldu"};
    static final String[] APPOINTMENT_REMARKS = {
        "Hasta 10 dk geç geldi.", "Kontrol randevusu.", "Röntgen çekilecek.", "Refakatçi ile gelecek.",
        "Önceki tedavinin devamı.", "Anestezi hassasiyeti var.", "Hatırlatma SMS'i gönderildi."};
    static final String[] RECALL_REASONS = {
        "6 aylık kontrol", "Diş taşı temizliği", "Tedavi sonrası kontrol", "İmplant kontrolü", "Ortodonti kontrolü",
        "Yıllık panoramik röntgen", "Periodontal idame", "6-month checkup"};
    static final String[] NOTE_TITLES = {
        "Muayene notu", "Tedavi notu", "Kontrol", "Tedavi özeti", "Telefon görüşmesi", "Onam alındı", "Anamnez"};
    static final String[] DEVICES = {"iPhone 13", "Samsung Galaxy Tab S8", "Dentes Voice Pedal", "iPad Air"};
    static final String[] IMAGE_TYPES = {"PANORAMIC", "BITEWING", "PERIAPICAL", "CBCT", "INTRAORAL_PHOTO"};
    static final String[] IMAGING_DEVICES = {"Planmeca ProMax 3D", "Vatech PaX-i3D", "Carestream CS 8100", "Sirona Orthophos"};
    static final String[] LAB_NAMES = {"Ege Diş Laboratuvarı", "Başkent Dental Lab", "Boğaziçi Zirkonyum",
        "Anadolu Protez Lab", "DigiDent CAD/CAM"};
    static final String[] LAB_ORDER_TYPES = {"CROWN", "BRIDGE", "IMPLANT_ABUTMENT", "DENTURE", "ALIGNER", "NIGHT_GUARD"};
    static final String[] SHADES = {"A1", "A2", "A3", "B1", "B2", "BL2", "C1"};
    static final String[] DRUGS = {
        "Amoksisilin 1000 mg", "Amoksisilin/Klavulanat 875/125 mg", "Klindamisin 300 mg", "Metronidazol 500 mg",
        "Naproksen sodyum 550 mg", "Parasetamol 500 mg", "Klorheksidin %0,12 gargara", "Deksketoprofen 25 mg"};
}
