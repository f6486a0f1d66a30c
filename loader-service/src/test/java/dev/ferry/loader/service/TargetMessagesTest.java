package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression, issue 8 hole 7: Freshsales' messages echoed refused values into outcomes, the ledger and histories. */
class TargetMessagesTest {

    private static ObjectNode sent() {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("first_name", "Ayşe");
        f.put("last_name", "Yılmaz");
        f.put("emails", "ayse.yilmaz@hasta.example");
        f.put("mobile_number", "+905551234567");
        f.putObject("custom_field").put("cf_dentes_id", "P-00042").put("cf_national_id", "12345678901");
        return f;
    }

    @Test
    void valuesTheCommandSentBecomeTheirFieldNames() {
        assertThat(TargetMessages.scrub(List.of("ayse.yilmaz@hasta.example is not a valid email address",
                "Mobile number +905551234567 is invalid", "Yılmaz, Ayşe: duplicate"), sent()))
                .containsExactly("<emails> is not a valid email address", "Mobile number <mobile_number> is invalid",
                        "<last_name>, <first_name>: duplicate");
    }

    @Test
    void valueLikeTextTheCommandDidNotSendIsTakenOutToo() {
        assertThat(TargetMessages.scrub(List.of("mehmet@elsewhere.example is already taken",
                "Kimlik 98765432109 geçersiz", "Wert 'Kadıköy Şubesi' ist ungültig"), sent()))
                .containsExactly("<email> is already taken", "Kimlik <number> geçersiz", "Wert '<value>' ist ungültig");
    }

    @Test
    void theRuleAndFieldNamesStay() {
        assertThat(TargetMessages.scrub(List.of("Name has already been taken", "Email or mobile number is required"),
                sent())).containsExactly("Name has already been taken", "Email or mobile number is required");
    }
}
