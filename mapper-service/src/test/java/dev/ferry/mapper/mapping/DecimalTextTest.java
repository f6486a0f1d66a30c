package dev.ferry.mapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mapper.mapping.text.DecimalText;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7500.00|7500.00", "7.500,00|7500.00", "1.250,50 TL|1250.50", "₺ 1.250,50|1250.50", "1,250.50|1250.50",
        "7,5|7.5", "1.250.000|1250000", "1,250,000|1250000", "-120,00|-120.00", "EUR 99.90|99.90", "0|0"})
    void amountsAsPracticesWriteThem(String text, String expected) {
        assertThat(DecimalText.parse(text)).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo(
                new BigDecimal(expected)));
    }

    @Test
    void anythingElseIsNotANumber() {
        for (String s : new String[] {"yok", "12abc", "1.2.3,4,5", "--5", "7.", ",5", "", "~30", "1,2,3.4.5"}) {
            assertThat(DecimalText.parse(s)).as(s).isEmpty();
        }
    }
}
