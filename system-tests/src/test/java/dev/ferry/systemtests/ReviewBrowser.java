package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.launcher.PackagedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 11's review page as an operator sees it: Debian's headless Chromium through its chromedriver, a token pasted
 * into the page's box, a view opened by its hash, and each view's screenshot kept under its service's {@code docs/}.
 * Shared by every test that looks at a view ({@code ReviewPageIT}, {@code PreflightIT}, {@code SampleIT}), so each
 * loads its view on the stack that already holds the state the view shows.
 */
final class ReviewBrowser implements AutoCloseable {

    /** Where Debian's {@code chromium} and {@code chromium-driver} packages put them; bin/ferry test installs both. */
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The tallest screenshot kept (pixels): a long table is cut there rather than a huge file committed. */
    static final int MAX_SHOT_HEIGHT = 2400;

    final WebDriver driver;
    final WebDriverWait wait;

    private ReviewBrowser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A headless Chromium; fails, never skips, without it: CI must run the browser tests. */
    static ReviewBrowser start() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the review page's browser tests need %s and %s: apt-get install -y chromium chromium-driver"
                        + " (bin/ferry test does it when they are missing)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ReviewBrowser(new ChromeDriver(service, options));
    }

    /** Opens a service's review page on one view, e.g. {@code open("http://127.0.0.1:8082", "proposal")}. */
    void open(String serviceUrl, String view) {
        driver.get(serviceUrl + "/review/#" + view);
        waitFor(By.id("token"));
    }

    /** Pastes a token as an operator would; the box is emptied once the token is in. */
    void paste(String token) {
        WebElement box = driver.findElement(By.id("token"));
        box.clear();
        box.sendKeys(token);
        driver.findElement(By.id("token-use")).click();
        assertThat(box.getDomProperty("value")).as("the box is emptied once the token is in").isEmpty();
    }

    /** Forgets the token in use and pastes another (the view is drawn again with it). */
    void switchTo(String token) {
        driver.findElement(By.id("token-forget")).click();
        paste(token);
    }

    String sessionToken() {
        return (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('ferry.review.token')");
    }

    WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The error a view shows (a 403 with the role it needs, say), once it is there. */
    String errorOf(String view) {
        return waitFor(By.cssSelector("#view-" + view + " .error")).getText();
    }

    /** A table's body rows by their first cell: the cells' texts. */
    static Map<String, List<String>> rows(WebElement table) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            List<String> cells = cells(tr);
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    /** Every body row's cells, in order. */
    static List<List<String>> allRows(WebElement table) {
        return table.findElements(By.cssSelector("tbody tr")).stream().map(ReviewBrowser::cells).toList();
    }

    private static List<String> cells(WebElement tr) {
        return tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** A definition list ({@code r.facts}) as term → value. */
    static Map<String, String> facts(WebElement dl) {
        Map<String, String> facts = new LinkedHashMap<>();
        List<WebElement> terms = dl.findElements(By.tagName("dt"));
        List<WebElement> values = dl.findElements(By.tagName("dd"));
        for (int i = 0; i < terms.size(); i++) {
            facts.put(terms.get(i).getText(), values.get(i).getText());
        }
        return facts;
    }

    /**
     * Kept under the serving module's docs/ and committed, so a reader sees each view without a stack. The window
     * grows to the page's height first (up to {@link #MAX_SHOT_HEIGHT}): a view's tables are below the fold.
     */
    void screenshot(String module, String name) throws IOException {
        Path file = PackagedApp.repoRoot().resolve(module).resolve("docs").resolve(name);
        Files.createDirectories(file.getParent());
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(),
                (int) Math.min(MAX_SHOT_HEIGHT, Math.max(before.getHeight(), height + 40))));
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
