package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.security.Roles;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 11's review page in a real headless browser (Debian's Chromium through its chromedriver): each service serves
 * its own view under {@code /review/}; the test pastes a token as an operator would, starts a discovery and reads its
 * counts, proposes a map, reads the confidences, confirms it with a click (and asks the mapper's API that it is
 * confirmed), and plans the rollback of a small migrated run. A token without the role a view needs gets the
 * service's 403 on the page. Each view's screenshot is kept under its service's {@code docs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewPageIT {

    /** Markup in a value the page shows: it must appear as text, never become an element. */
    private static final String MARKUP_COMMENT = "<b id=\"injected\">reviewed</b> in the browser test";

    private E2eStack e2e;
    private JsonHttp api;
    private ReviewBrowser review;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        review = ReviewBrowser.start();
        browser = review.driver;
        wait = review.wait;
        e2e = E2eStack.start("review-page", 8, 11, E2eStack.freshsalesSettings(), Map.of());
        api = new JsonHttp(e2e.stack.auth().cliToken());
    }

    @AfterAll
    void stop() {
        if (review != null) {
            review.close();
        }
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    @Order(1)
    void theDiscoveryViewShowsTheCountsToAnAuditorAndTheRefusalToAViewer() throws IOException {
        open(Component.EXTRACTOR, "discovery");
        paste(e2e.stack.auth().mint("review-viewer", List.of(Roles.VIEWER)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("discovery-list"), "No discovery"));
        browser.findElement(By.id("discovery-start")).click();
        assertThat(waitFor(By.cssSelector("#view-discovery .error")).getText()).contains("403", "ferry-operator");

        browser.findElement(By.id("token-forget")).click();
        paste(e2e.stack.auth().cliToken());
        waitFor(By.id("discovery-start")).click();
        WebElement counts = waitFor(By.id("discovery-counts"));
        Map<String, List<String>> rows = rows(counts);
        for (String resource : List.of("practitioners", "clinics", "patients")) {
            List<String> row = rows.get(resource);
            assertThat(row).as("discovery row of " + resource + ": " + rows).isNotNull();
            long read = Long.parseLong(row.get(1)) + Long.parseLong(row.get(2)) + Long.parseLong(row.get(3));
            assertThat(read).as(resource + " live + deleted + invalid").isEqualTo(e2e.dataset.count(resource));
        }
        assertThat(browser.findElement(By.id("discovery-findings")).findElements(By.cssSelector("tbody tr")))
                .as("the generator plants data-quality traps").isNotEmpty();
        assertThat(sessionToken()).as("the token stays in sessionStorage").isEqualTo(e2e.stack.auth().cliToken());
        assertThat(browser.getCurrentUrl()).doesNotContain(e2e.stack.auth().cliToken());
        screenshot("extractor-service", "review-discovery.png");
    }

    @Test
    @Order(2)
    void theProposedMapShowsItsConfidencesAndIsConfirmedWithAClick() throws IOException {
        open(Component.MAPPER, "proposal");
        paste(e2e.stack.auth().cliToken());
        waitFor(By.id("proposal-propose")).click();
        WebElement fields = waitFor(By.id("proposal-fields"));
        String proposalId = browser.findElement(By.cssSelector("#proposal-detail h3")).getText()
                .replace("Proposal ", "").trim();
        JsonNode proposal = api.get(url(Component.MAPPER) + "/mapping/proposals/" + proposalId);
        List<WebElement> confidences = fields.findElements(By.cssSelector("td.confidence"));
        assertThat(confidences).hasSize(proposal.path("fields").size()).isNotEmpty();
        for (int i = 0; i < confidences.size(); i++) {
            long expected = Math.round(proposal.path("fields").get(i).path("confidence").asDouble() * 100);
            assertThat(confidences.get(i).getText()).isEqualTo(expected + " %");
        }

        browser.findElement(By.id("map-load")).click();
        wait.until(d -> !d.findElement(By.id("map-text")).getDomProperty("value").isBlank());
        browser.findElement(By.id("confirm-comment")).sendKeys(MARKUP_COMMENT);
        browser.findElement(By.id("confirm")).click();
        String confirmed = waitFor(By.id("confirmed")).getText();

        JsonNode latest = api.get(url(Component.MAPPER) + "/mapping/confirmations/latest");
        assertThat(latest.path("proposalId").asText()).isEqualTo(proposalId);
        assertThat(latest.path("intact").asBoolean()).isTrue();
        assertThat(confirmed).contains(latest.path("mappingVersion").asText(), latest.path("sha256").asText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirmations-table"),
                latest.path("sha256").asText()));
        assertThat(browser.findElement(By.id("confirmations-table")).getText()).contains(MARKUP_COMMENT);
        assertThat(browser.findElements(By.id("injected"))).as("markup in a value stays text").isEmpty();
        screenshot("mapper-service", "review-proposal.png");
    }

    @Test
    @Order(3)
    void theRollbackDryRunOfAMigratedRunListsWhatItWouldDelete() throws IOException {
        String runId = e2e.driver.startFullRun(MigrationDriver.RESOURCES);
        e2e.driver.awaitBalanced(runId, Duration.ofMinutes(2), Duration.ofMillis(500), p -> { });
        open(Component.AUDIT, "rollback");
        paste(e2e.stack.auth().cliToken());
        waitFor(By.id("rollback-runs-table"));
        browser.findElements(By.cssSelector("button.rollback-open")).stream()
                .filter(b -> b.getText().equals(runId)).findFirst().orElseThrow().click();
        Map<String, String> summary = facts(waitFor(By.id("rollback-summary")));
        JsonNode plan = api.post(url(Component.AUDIT) + "/runs/" + runId + "/rollback?dryRun=true&force=false", null);
        assertThat(Long.parseLong(summary.get("to delete"))).isEqualTo(plan.path("toDelete").asLong()).isPositive();
        assertThat(Long.parseLong(summary.get("left alone"))).isEqualTo(plan.path("leftAlone").asLong());
        assertThat(browser.findElement(By.id("rollback-records")).findElements(By.cssSelector("tbody tr")))
                .hasSize(Math.min(500, plan.path("records").size()));
        assertThat(api.get(url(Component.AUDIT) + "/runs/" + runId + "/rollback").path("state").asText())
                .as("a dry run issues nothing").isEqualTo("NONE");
        screenshot("audit-service", "review-rollback.png");
    }

    private String url(Component c) {
        return e2e.stack.baseUrl(c);
    }

    private void open(Component service, String view) {
        review.open(url(service), view);
    }

    private void paste(String token) {
        review.paste(token);
    }

    private String sessionToken() {
        return review.sessionToken();
    }

    private WebElement waitFor(By by) {
        return review.waitFor(by);
    }

    private static Map<String, List<String>> rows(WebElement table) {
        return ReviewBrowser.rows(table);
    }

    private static Map<String, String> facts(WebElement dl) {
        return ReviewBrowser.facts(dl);
    }

    private void screenshot(String module, String name) throws IOException {
        review.screenshot(module, name);
    }
}
