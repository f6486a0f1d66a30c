package dev.ferry.audit.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two rebuild documents, as Markdown and HTML (issue 10). */
class RebuildDocumentsRenderTest {

    private static JsonNode json(String text) {
        try {
            return FerryJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode WORKFLOW = json("""
            {"document": "workflows", "id": "WF-001", "name": "Randevu hatırlatma (WhatsApp)", "active": false,
             "trigger": "APPOINTMENT_SCHEDULED", "freshsales_trigger": "an Appointment activity is created",
             "conditions": ["patient.consent_sms == true"], "schedule": "every 3 hours",
             "actions": [{"channel": "WHATSAPP", "template": "randevu_wp", "offset": "-PT3H",
                          "when": "3 hours before the trigger", "rebuild_as": "the WhatsApp Business channel"},
                         {"channel": "TASK", "template": "resepsiyon_ara", "offset": "P1D",
                          "when": "1 day after the trigger", "rebuild_as": "Workflow action Create task"}],
             "rebuild_with": ["Workflows", "Sequences", "Marketplace"],
             "notes": ["Inactive in Dr.DENTES: rebuild it only if the practice wants it back."]}""");

    private static final JsonNode MEDULA = json("""
            {"document": "integrations", "id": "INT-006", "name": "MEDULA Provizyon", "kind": "MEDULA",
             "endpoint": "https://medula.sgk.gov.tr/medula/hastane/ws", "auth_type": "BASIC",
             "credentials": "Not copied. Set up new BASIC credentials in the new tool.", "data_format": "SOAP",
             "active": true, "turkish_compliance": true, "portable": false,
             "rebuild_with": "Not portable. MEDULA is a Turkish health-compliance integration.", "notes": []}""");

    /** Markdown as a reader sees it: backslash escapes gone (the escaping itself is tested below). */
    private static String unescaped(String md) {
        return md.replaceAll("\\\\(.)", "$1");
    }

    @Test
    void theWorkflowsDocumentShowsEveryFieldInBothFormats() {
        Outline outline = RebuildOutlines.workflows("run-1", List.of(WORKFLOW));
        for (String doc : List.of(unescaped(MarkdownRenderer.render(outline)), HtmlRenderer.render(outline))) {
            assertThat(doc).contains("Randevu hatırlatma (WhatsApp)", "WF-001", "APPOINTMENT_SCHEDULED",
                    "an Appointment activity is created", "patient.consent_sms == true", "every 3 hours", "WHATSAPP",
                    "randevu_wp", "-PT3H", "3 hours before the trigger", "the WhatsApp Business channel", "TASK",
                    "resepsiyon_ara", "P1D", "1 day after the trigger", "Workflows; Sequences; Marketplace",
                    "Inactive in Dr.DENTES", "Active in Dr.DENTES");
        }
    }

    @Test
    void theIntegrationsDocumentSaysWhatIsNotPortable() {
        Outline outline = RebuildOutlines.integrations("run-1", List.of(MEDULA));
        for (String doc : List.of(unescaped(MarkdownRenderer.render(outline)), HtmlRenderer.render(outline))) {
            assertThat(doc).contains("MEDULA Provizyon", "INT-006", "MEDULA", "https://medula.sgk.gov.tr/medula/hastane/ws",
                    "BASIC", "SOAP", "Not copied", "Turkish-compliance-bound", "yes: not portable",
                    "Not portable. MEDULA is a Turkish health-compliance integration.", "1 of them bound to Turkish"
                            + " health compliance");
        }
    }

    @Test
    void aNameWithMarkupIsTextInHtml() {
        JsonNode hostile = json("""
                {"id": "WF-666", "name": "<script>alert('x')</script><img src=x onerror=alert(1)>",
                 "trigger": "\\"><b>", "actions": [{"channel": "<i>SMS</i>", "template": "a&b"}]}""");

        String html = HtmlRenderer.render(RebuildOutlines.workflows("run-<1>", List.of(hostile)));

        assertThat(html).doesNotContain("<script", "<img", "<b>", "<i>", "run-<1>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;",
                        "&quot;&gt;&lt;b&gt;", "&lt;i&gt;SMS&lt;/i&gt;", "a&amp;b");
        assertThat(html.split("<script", -1)).hasSize(1);
    }

    @Test
    void aNameWithMarkupIsInertInMarkdown() {
        JsonNode hostile = json("""
                {"id": "WF-666", "name": "<script>alert(1)</script> [click](http://evil) | *x*",
                 "actions": [{"channel": "a|b", "template": "t"}]}""");

        String md = MarkdownRenderer.render(RebuildOutlines.workflows("run-1", List.of(hostile)));

        assertThat(md).doesNotContain("<script", "[click]", "| *x*")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](http://evil) \\| \\*x\\*", "a\\|b");
    }

    @Test
    void anEmptyRunSaysSo() {
        assertThat(MarkdownRenderer.render(RebuildOutlines.integrations("run-1", List.of())))
                .contains("0 integrations", "Nothing to rebuild");
    }
}
