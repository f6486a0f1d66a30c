package dev.ferry.sim.freshsales.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void everyLanguageHasEveryKey() {
        for (String lang : Messages.LANGUAGES) {
            assertThat(Messages.keys(lang)).as(lang).isEqualTo(Messages.keys("en"));
        }
    }

    @Test
    void argumentsAreSubstitutedAndTheObservedTypeMessageIsExact() {
        assertThat(Messages.format("en", "type.invalid", "sales_accounts")).isEqualTo("The type for sales_accounts is invalid.");
        assertThat(Messages.format("en", "name.taken")).isEqualTo("Name has already been taken");
        assertThat(Messages.format("nl", "field.too_long", "Description", 10)).isEqualTo("Description is te lang (maximaal 10 tekens)");
        assertThat(Messages.format("tr", "name.taken")).isEqualTo("Bu ad zaten kullanılıyor");
    }
}
