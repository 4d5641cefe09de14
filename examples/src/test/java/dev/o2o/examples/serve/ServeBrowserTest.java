package dev.o2o.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.o2o.core.test.TestDatabases;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: Debian's chromium driven by its chromium-driver, headless. Skipped
 * with a message when no browser starts here; failed instead when O2O_REQUIRE_BROWSER=true (CI).
 * The driver, the browser and the server are stopped after the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeBrowserTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("O2O_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("O2O_CHROMEDRIVER", "/usr/bin/chromedriver");

    private ServeApp app;
    private WebDriver browser;
    /** Why the browser did not start, if it did not (each test is then skipped with this message). */
    private String skipped;

    @BeforeAll
    void start() {
        browser = startBrowser();
        if (browser != null) {
            app = ServeApp.start(TestDatabases.h2Url("serve"), "127.0.0.1", 0, 3, 20, Clock.systemUTC());
        }
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(browser != null, () -> skipped + ": browser tests of o2o serve skipped");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private WebDriver startBrowser() {
        boolean required = "true".equalsIgnoreCase(System.getenv("O2O_REQUIRE_BROWSER"));
        String missing = !new File(CHROMIUM).canExecute() ? CHROMIUM : !new File(DRIVER).canExecute() ? DRIVER : null;
        if (missing != null) {
            String why = missing + " is not installed (apt-get install chromium chromium-driver)";
            if (required) {
                fail("O2O_REQUIRE_BROWSER=true but " + why);
            }
            skipped = why;
            return null;
        }
        // Selenium warns that it has no DevTools bindings for this chromium; WebDriver itself needs none
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return driver;
        } catch (RuntimeException e) {
            service.stop();
            if (required) {
                throw new AssertionError("O2O_REQUIRE_BROWSER=true but chromium did not start: " + e.getMessage(), e);
            }
            skipped = "chromium did not start (" + e.getMessage().lines().findFirst().orElse("") + ")";
            return null;
        }
    }

    private String verdictAfter(String buttonId, String previous) {
        browser.findElement(By.id(buttonId)).click();
        // the page replaces the result when the API answers: wait for a verdict other than the last one
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> v = d.findElements(By.id("verdict"));
                    String text = v.isEmpty() ? previous : v.get(0).getText();
                    return text.equals(previous) ? null : text;
                });
    }

    @Test
    void theCounterChecksRedeemsAndRefusesASecondRedemptionWithItsReason() {
        Http http = new Http(app.url());
        String code = null;
        String store = null;
        for (int s = 1; s <= 6 && code == null; s++) {
            Http.Reply r = http.post("/api/members/M00004/coupons", "browser-claim-" + s, "{\"couponId\":\"s" + s + "-save15\"}");
            if (r.status() == 201) {
                code = r.json().get("code").asText();
                store = "s" + s;
            }
        }
        assertTrue(code != null, "M00004 could claim a store's coupon");

        browser.get(app.url() + "/counter/" + store);
        browser.findElement(By.id("code")).sendKeys(code);
        String checked = verdictAfter("check", "");
        assertEquals("VALID", checked);
        assertTrue(browser.findElement(By.id("coupon")).getText().contains("save 15.00"));

        String redeemed = verdictAfter("redeem", checked);
        assertEquals("REDEEMED: 15.00 CNY off", redeemed);

        String again = verdictAfter("redeem", redeemed);
        assertTrue(again.startsWith("REFUSED"), again);
        String reasons = browser.findElement(By.className("reasons")).getText();
        assertTrue(reasons.contains("ALREADY_REDEEMED"), reasons);

        String rechecked = verdictAfter("check", again);
        assertEquals("NOT VALID", rechecked);
        assertTrue(browser.findElement(By.className("reasons")).getText().contains("ALREADY_REDEEMED"));
    }

    @Test
    void theDashboardShowsItsChartsWithData() {
        browser.get(app.url() + "/dashboard");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("chart-codes")));
        List<WebElement> codes = browser.findElements(By.cssSelector("#chart-codes rect.bar"));
        assertEquals(3, codes.size());
        double issued = Double.parseDouble(codes.get(0).getAttribute("data-value"));
        assertTrue(issued > 0, "issued codes of the seeded history");
        assertTrue(codes.get(0).getSize().getWidth() > 0, "the largest bar is drawn");
        assertEquals(4, browser.findElements(By.cssSelector("#chart-distance rect.bar")).size());
        assertFalse(browser.findElements(By.cssSelector("#chart-segments rect.bar")).isEmpty());
        assertTrue(Long.parseLong(browser.findElement(By.id("liability")).getText()) > 0);
    }

    @Test
    void theWalletShowsCodesAsTextAndQrImagesWithTheMaskedPhone() {
        Http http = new Http(app.url());
        Http.Reply claimed = http.post("/api/members/M00005/coupons", "browser-wallet", "{\"couponId\":\"coffee-20off\"}");
        browser.get(app.url() + "/wallet/M00005");
        assertTrue(browser.findElement(By.id("phone")).getText().matches("1[3-9]\\d\\*{4}\\d{4}"));
        if (claimed.status() == 201) {
            assertTrue(browser.findElement(By.tagName("body")).getText().contains(claimed.json().get("code").asText()));
        }
        List<WebElement> qr = browser.findElements(By.cssSelector("svg.qr path"));
        assertFalse(qr.isEmpty(), "a QR image per unused code");
        assertTrue(qr.get(0).getAttribute("d").length() > 100);
    }
}
