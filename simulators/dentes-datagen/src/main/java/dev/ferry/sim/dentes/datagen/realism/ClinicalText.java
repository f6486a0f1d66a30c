package dev.ferry.sim.dentes.datagen.realism;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Turkish clinical free text assembled from phrases a dentist writes. The phrases are hand-written on purpose:
 * datafaker has no Turkish clinical vocabulary. They contain no amounts, so the comma-decimal trap stays where the
 * manifest says it is.
 */
public final class ClinicalText {

    private static final String[] FINDINGS = {
        "%d numaralı dişte derin çürük tespit edildi.",
        "%d numaralı dişte perküsyon hassasiyeti mevcut.",
        "%d numaralı dişin distalinde sekonder çürük izlendi.",
        "%d numaralı dişte fraktür hattı gözlendi, hasta bilgilendirildi.",
        "%d numaralı diş bölgesinde dişeti çekilmesi var.",
        "Panoramik filmde %d numaralı dişte periapikal lezyon izlendi.",
        "%d numaralı dişte eski amalgam dolgu kırık."};
    private static final String[] PROCEDURES = {
        "Lokal anestezi altında kanal tedavisine başlandı.",
        "Kanallar genişletildi, kalsiyum hidroksit konuldu.",
        "Geçici dolgu yapıldı, bir hafta sonra kontrol.",
        "Kompozit restorasyon tamamlandı, oklüzyon kontrol edildi.",
        "Diş taşı temizliği ve polisaj yapıldı.",
        "Ölçü alındı, laboratuvara gönderildi.",
        "İmplant bölgesinde iyileşme normal seyrediyor.",
        "Dikişler alındı, yara iyileşmesi iyi.",
        "Braketler kontrol edildi, tel değiştirildi.",
        "Şeffaf plak seti teslim edildi, kullanım anlatıldı.",
        "Florür vernik uygulandı.",
        "Ağız hijyeni eğitimi verildi."};
    private static final String[] REMARKS = {
        "Hasta işlem sırasında rahattı.",
        "Hasta diş hekimi korkusu tarif ediyor, sakinleştirildi.",
        "Penisilin alerjisi yok.",
        "Hipertansiyon öyküsü var, düzenli ilaç kullanıyor.",
        "Antibiyotik reçete edildi.",
        "Ağrı kesici önerildi, gerekirse kullanılacak.",
        "Bir sonraki randevuda kron provası yapılacak.",
        "Hastaya sigara bırakması önerildi.",
        "Refakatçi ile geldi.",
        "Gece diş sıkma şikayeti var, gece plağı önerildi."};

    private ClinicalText() {
    }

    public static int randomTooth(Random random) {
        return (1 + random.nextInt(4)) * 10 + 1 + random.nextInt(8);
    }

    public static String sentence(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> String.format(Distributions.pick(random, FINDINGS), randomTooth(random));
            case 1 -> Distributions.pick(random, PROCEDURES);
            default -> Distributions.pick(random, REMARKS);
        };
    }

    /** At least {@code minChars} characters of sentences. */
    public static String paragraph(Random random, int minChars) {
        StringBuilder sb = new StringBuilder(minChars + 120);
        while (sb.length() < minChars) {
            if (sb.length() > 0) {
                sb.append(random.nextInt(5) == 0 ? "\n" : " ");
            }
            sb.append(sentence(random));
        }
        return sb.toString();
    }

    /** A body whose UTF-8 encoding is strictly longer than {@code minBytes}. */
    public static String longerThanBytes(Random random, int minBytes) {
        StringBuilder sb = new StringBuilder(minBytes + 200);
        int day = 1;
        while (sb.toString().getBytes(StandardCharsets.UTF_8).length <= minBytes) {
            // Long notes are usually a treatment diary pasted in one go.
            sb.append("Seans ").append(day++).append(": ").append(paragraph(random, 600)).append("\n\n");
        }
        return sb.toString();
    }
}
