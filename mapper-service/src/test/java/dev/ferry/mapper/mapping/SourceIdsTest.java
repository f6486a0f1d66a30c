package dev.ferry.mapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceIdsTest {

    @Test
    void digitRunsCompareAsNumbers() {
        List<String> ids = new ArrayList<>(List.of("P-10", "P-9", "P-000100", "P-2", "Q-1", "P-09"));
        ids.sort(SourceIds.NATURAL);
        assertThat(ids).containsExactly("P-2", "P-09", "P-9", "P-10", "P-000100", "Q-1");
    }

    @Test
    void zeroPaddedIdsKeepPlainOrder() {
        assertThat(SourceIds.NATURAL.compare("P-000123", "P-000124")).isNegative();
        assertThat(SourceIds.NATURAL.compare("P-000123", "P-000123")).isZero();
    }
}
