package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.InboxDeadLetters;

/**
 * The auditor's console in a real headless Chromium (Debian's chromium and chromium-driver), against the whole
 * system in process: one system start and one browser for the class. Without /usr/bin/chromium and
 * /usr/bin/chromedriver every test is reported skipped, saying why; none passes. Screenshots of each view go to
 * local-run/target/console-screenshots/.
 *
 * <p>To point the tests at a system already running with the test keys instead of starting one (while
 * developing the console), pass {@code -Dtreaty.console.gateway=http://localhost:PORT}: a freshly started one, since
 * the tests post facts (Mongolia's accession, Cambodia's land release) that a second run would refuse or add to.
 */
// A condition, not an assumption in @BeforeAll: Surefire then lists each test as skipped with this reason, where
// an aborted @BeforeAll would count no test at all.
@EnabledIf(value = "chromiumHere", disabledReason = "No Chromium here (/usr/bin/chromium and /usr/bin/chromedriver):"
        + " the console's browser tests did NOT run. Install the Debian packages chromium and chromium-driver"
        + " (.ci/run does).")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditorsConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalSystem system;
    private static String gateway;
    private static ChromeDriver browser;
    private static Path downloads;
    private WebDriverWait wait;

    static boolean chromiumHere() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() throws IOException {
        gateway = System.getProperty("treaty.console.gateway");
        if (gateway == null) {
            system = LocalSystem.start(LocalSystem.Settings.inMemory(VerticalSlice.API_KEYS, VerticalSlice.SECRET));
            gateway = "http://localhost:" + system.gatewayPort();
        }
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void freshTab() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(gateway + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    }

    @Test
    void aWrongKeyOrAKeyOfTheWrongRoleGetsAClearMessage(TestInfo test) {
        signIn("not-a-key-of-this-gateway");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).contains("does not know this API key");
        screenshot(test);

        signIn(VerticalSlice.INTEGRATION_KEY);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"),
                "auditor or operator key"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(storedKey()).isNull();
    }

    @Test
    void signsInKeepsTheKeyForTheTabOnlyAndSignsOut() {
        signIn(VerticalSlice.AUDITOR_KEY);
        waitForCount("count-parties");
        assertThat(storedKey()).isEqualTo(VerticalSlice.AUDITOR_KEY);
        assertThat((Object) ((JavascriptExecutor) browser).executeScript("return localStorage.length")).isEqualTo(0L);

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertThat(storedKey()).isNull();
        assertThat(browser.findElements(By.cssSelector("#states-rows tr"))).isEmpty();
    }

    @Test
    void onFirstJanuary2010ThereAre156StatesPartiesAndTheViewIsInTheUrl(TestInfo test) {
        signIn(VerticalSlice.AUDITOR_KEY);
        waitForCount("count-parties");
        WebElement date = browser.findElement(By.id("as-of"));
        // Cleared first, so the field holds no valid date until the whole one is typed (month, day, year).
        date.clear();
        date.sendKeys("01012010");
        date.sendKeys(Keys.TAB);
        wait.until(ExpectedConditions.urlContains("asOf=2010-01-01"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("states-date"), "2010-01-01"));
        assertThat(waitForCount("count-parties")).isEqualTo(156);
        assertThat(browser.findElement(By.id("as-of-slider")).getDomAttribute("aria-valuetext"))
                .isEqualTo("2010-01-01");
        assertThat(browser.findElements(By.cssSelector("#map path")).size()).isGreaterThan(150);
        assertThat(browser.findElements(By.cssSelector("#map path.s-STATE_PARTY")).size()).isGreaterThan(120);
        screenshot(test);

        // The same URL in a new load shows the same view.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("states-date"), "2010-01-01"));
        assertThat(waitForCount("count-parties")).isEqualTo(156);

        // Sorted by entry into force, latest first, those without one last; the order is in the URL.
        browser.findElement(By.cssSelector("th[data-sort=eif] button")).click();
        browser.findElement(By.cssSelector("th[data-sort=eif] button")).click();
        wait.until(ExpectedConditions.urlContains("sort=-eif"));
        List<String> entries = browser.findElements(By.cssSelector("#states-rows tr td:nth-child(4)")).stream()
                .map(WebElement::getText).toList();
        List<String> dated = entries.stream().filter(e -> !e.isEmpty()).toList();
        assertThat(dated).isSortedAccordingTo(java.util.Comparator.reverseOrder()).hasSize(156);
        assertThat(entries.subList(dated.size(), entries.size())).allMatch(String::isEmpty);

        // The slider moves the date; the keyboard moves it a day at a time.
        WebElement slider = browser.findElement(By.id("as-of-slider"));
        slider.sendKeys(Keys.ARROW_RIGHT);
        wait.until(ExpectedConditions.urlContains("asOf=2010-01-02"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("states-date"), "2010-01-02"));
        for (int day = 0; day < 5; day++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("states-date"), "2010-01-07"));
        // Measured, not asserted (the console's bar: first view under 1 s, a redraw under 300 ms).
        System.out.println("console timings (ms): " + ((JavascriptExecutor) browser).executeScript("""
                const drawn = performance.getEntriesByName('states-drawn');
                return {firstViewSinceNavigation: Math.round(drawn[0].startTime + drawn[0].duration),
                        redraws: drawn.slice(1).map(m => Math.round(m.duration))}"""));
    }

    @Test
    void aStatesLandReleaseIsChartedByYearAndMethod(TestInfo test) throws Exception {
        String area = "CONSOLE-" + UUID.randomUUID();
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/reporting/events"))
                .header("X-API-Key", VerticalSlice.INTEGRATION_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        [{"clientId": "%s", "type": "HazardousAreaRecorded", "iso3": "KHM", "areaId": "%s",
                          "identifiedOn": "2022-02-01", "status": "CONFIRMED", "sizeM2": 50000,
                          "contamination": "AP_MINES"},
                         {"clientId": "%s", "type": "LandReleased", "iso3": "KHM", "areaId": "%s",
                          "releasedOn": "2023-02-01", "method": "CANCELLED", "m2": 20000, "minesDestroyed": 0},
                         {"clientId": "%s", "type": "LandReleased", "iso3": "KHM", "areaId": "%s",
                          "releasedOn": "2024-04-01", "method": "CLEARED", "m2": 12000, "minesDestroyed": 7}]"""
                        .formatted(UUID.randomUUID(), area, UUID.randomUUID(), area, UUID.randomUUID(), area))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/reporting/states/KHM/contamination?asOf=2025-01-01").path("events").asInt() >= 3);

        signIn(VerticalSlice.AUDITOR_KEY);
        browser.get(gateway + "/#/state/KHM?asOf=2025-01-01");
        WebElement chart = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#land-chart svg")));
        assertThat(chart.findElements(By.tagName("rect"))).hasSize(6); // two years, three methods
        assertThat(browser.findElement(By.id("land-release")).getText())
                .contains("18,000 m² remaining of 50,000 m² identified").contains("32,000 m² released")
                .contains("2023 CANCELLED 20000, REDUCED 0, CLEARED 0")
                .contains("2024 CANCELLED 0, REDUCED 0, CLEARED 12000");
        assertThat(browser.findElement(By.cssSelector("#remaining tbody")).getText())
                .isEqualTo("CONFIRMED AP_MINES 1 50,000 32,000 18,000");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        screenshot(test);
    }

    @Test
    void ukrainesWithdrawalIsHeldBackUnderArticle20_3(TestInfo test) throws Exception {
        // A stockpile past the Art. 4 deadline (as in ReportingSlice) gives a flag to follow to its fact (Action 14).
        HttpResponse<String> stockpile = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/reporting/events"))
                .header("X-API-Key", VerticalSlice.INTEGRATION_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"clientId": "%s", "type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2006-11-28",
                         "mineType": "PFM-1", "quantity": 5950000}""".formatted(UUID.randomUUID()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stockpile.statusCode()).as(stockpile.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/reporting/compliance?state=UKR&rule=action-14").size() == 1);

        signIn(VerticalSlice.AUDITOR_KEY);
        waitForCount("count-parties");
        browser.findElement(By.id("q")).sendKeys("Ukraine");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#states-rows tr"), 1));
        assertThat(browser.getCurrentUrl()).contains("q=Ukraine");
        browser.findElement(By.linkText("Ukraine")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-status"), "withdrawal pending"));
        assertThat(browser.findElement(By.id("rule")).getText())
                .contains("in force 2006-06-01, Art. 17").contains("armed conflict").contains("Art. 20.3");
        assertThat(browser.findElement(By.id("withdrawal")).getText()).contains("known to the year");
        assertThat(browser.findElements(By.cssSelector("ol.events li[data-type=ArmedConflictEngaged]"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("ol.events li[data-type=WithdrawalNotified] .prov")).getText())
                .contains("withdrawals.csv").contains("posted by reference-data").contains("recorded ");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-reporting"), "Compliance flags"));
        screenshot(test);
        // The Action 14 flag links to the stockpile fact it rests on, which is also on the time axis.
        assertThat(browser.findElement(By.id("state-reporting")).getText()).contains("action-14");
        browser.findElement(By.cssSelector("#state-reporting li button[data-goto^='stock-']")).click();
        assertThat(browser.switchTo().activeElement().getText())
                .contains("Stockpile Declared").contains("PFM-1 5950000");
        assertThat(browser.findElements(
                By.cssSelector("#axis .dot.report[aria-label='Stockpile Declared, 2006-11-28']"))).hasSize(1);
    }

    @Test
    void knownAtBeforeACorrectionShowsTheOldValue(TestInfo test) throws Exception {
        // As in the README: Mongolia's accession recorded as of 15 May 2024, later corrected to 3 June 2024.
        Instant before = postAndWait("""
                {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "MNG", "instrumentType": "ACCESSION",
                 "depositDate": "2024-05-15", "sourceReference": "C.N.TEST.2024"}""".formatted(UUID.randomUUID()));
        String eventId = history("MNG").get(history("MNG").size() - 1).path("eventId").asText();
        Thread.sleep(1100);
        String knownAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Thread.sleep(1100);
        postAndWait("""
                {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "MNG", "instrumentType": "ACCESSION",
                 "depositDate": "2024-06-03", "corrects": "%s",
                 "correctionReason": "the depositary notification gives 3 June"}"""
                .formatted(UUID.randomUUID(), eventId));
        assertThat(before).isBefore(Instant.parse(knownAt));

        signIn(VerticalSlice.AUDITOR_KEY);
        browser.get(gateway + "/#/state/MNG?asOf=2024-11-15");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-status"),
                "awaiting entry into force"));
        assertThat(browser.findElement(By.id("entry-into-force")).getText()).isEqualTo("2024-12-01");
        assertThat(browser.findElement(By.cssSelector("#ev-" + eventId + " .corrected")).getText())
                .contains("the depositary notification gives 3 June");

        WebElement knownAtInput = browser.findElement(By.id("known-at"));
        knownAtInput.sendKeys(knownAt, Keys.ENTER);
        knownAtInput.sendKeys(Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-status"), "State Party"));
        assertThat(browser.getCurrentUrl()).contains("knownAt=" + knownAt.replace(":", "%3A"));
        assertThat(browser.findElement(By.id("entry-into-force")).getText()).isEqualTo("2024-11-01");
        assertThat(browser.findElement(By.id("rule")).getText()).contains("in force 2024-11-01, Art. 17");
        assertThat(browser.findElement(By.id("changes")).getText())
                .contains("entry into force: 2024-11-01 → 2024-12-01")
                .contains("2 facts recorded since"); // the retraction and the fact replacing it
        assertThat(browser.findElement(By.cssSelector("ol.events li[data-type=FactRetracted] .correction")).getText())
                .contains("the depositary notification gives 3 June");
        browser.findElement(By.cssSelector("#ev-" + eventId + " .corrected button")).click();
        assertThat(browser.switchTo().activeElement().getDomAttribute("data-type")).isEqualTo("FactRetracted");
        screenshot(test);
    }

    @Test
    void theCsvDownloadedIsExactlyWhatIsShownAndAgreesWithTheApi(TestInfo test) throws Exception {
        signIn(VerticalSlice.AUDITOR_KEY);
        browser.get(gateway + "/#/states?asOf=2026-03-01");
        waitForCount("count-parties");
        Path all = download("states-as-of-2026-03-01.csv");
        JsonNode api = get("/api/registry/states?asOf=2026-03-01");
        List<String> lines = Files.readAllLines(all, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("iso3,name,status,instrument_type,instrument_date,entry_into_force,"
                + "article4_deadline,article4_state,article5_deadline,article5_state,article5_overdue");
        assertThat(lines).hasSize(api.size() + 1);
        Map<String, String[]> rows = new HashMap<>();
        lines.stream().skip(1).map(line -> line.split(",", -1)).forEach(cells -> rows.put(cells[0], cells));
        for (JsonNode state : api) {
            String[] row = rows.get(state.path("iso3").asText());
            assertThat(row).as(state.path("iso3").asText()).isNotNull();
            assertThat(row[2]).isEqualTo(state.path("status").asText());
            assertThat(row[5]).isEqualTo(state.path("entryIntoForce").asText(""));
            assertThat(row[8]).isEqualTo(state.path("article5").path("deadline").asText(""));
        }

        // Filtered: only what the table shows, here the withdrawn States.
        new Select(browser.findElement(By.id("status-filter"))).selectByValue("WITHDRAWN");
        wait.until(ExpectedConditions.urlContains("status=WITHDRAWN"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#states-rows tr"),
                get("/api/registry/states?asOf=2026-03-01&status=WITHDRAWN").size()));
        Files.delete(all);
        List<String> withdrawn = Files.readAllLines(download("states-as-of-2026-03-01.csv")).stream().skip(1)
                .map(line -> line.split(",")[0]).sorted().toList();
        List<String> expected = new ArrayList<>();
        get("/api/registry/states?asOf=2026-03-01&status=WITHDRAWN")
                .forEach(s -> expected.add(s.path("iso3").asText()));
        assertThat(withdrawn).containsExactlyElementsOf(expected.stream().sorted().toList())
                .containsExactlyInAnyOrder("EST", "FIN", "LTU", "LVA", "POL");
        screenshot(test);
    }

    @Test
    void everyViewRendersFromTheApiAndSaysWhenTheApiCannotBeReached(TestInfo test) {
        signIn(VerticalSlice.AUDITOR_KEY);
        browser.get(gateway + "/#/deadlines?asOf=2026-01-01");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("article5-table"), "Argentina"));
        assertThat(browser.findElement(By.id("article5-table")).getText()).contains("sources disagree")
                .contains("decided at 9MSP, 2008 (known to the year) (in force from 2008-11-28) → 2019-03-01")
                .contains("completed at 4MSP");
        // Bosnia and Herzegovina's chain as recorded: requests, and the third decision whose request is not on record.
        browser.findElement(By.cssSelector("details[data-iso3=BIH] summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("details[data-iso3=BIH] .requests"), "Extension Requested"));
        assertThat(browser.findElement(By.cssSelector("details[data-iso3=BIH] .requests")).getText())
                .contains("Extension Decided").contains("request not on record");
        screenshot(test, "deadlines");

        browser.get(gateway + "/#/reports?asOf=2026-01-01");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reports"), "Compliance flags"));
        // The shipped record holds some reports; the rest are "not on record", which the view does not call missing.
        assertThat(browser.findElement(By.id("report-counts")).getText())
                .containsPattern("; [1-9]\\d* submissions on record")
                .contains("not on record").contains("on time");
        assertThat(browser.findElements(By.cssSelector("#reports td.r-SUBMITTED_ON_TIME"))).isNotEmpty();
        screenshot(test, "reports");

        browser.get(gateway + "/#/indicators/11.2?year=2025");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("indicator"), "Counted (1)"));
        assertThat(browser.findElements(By.cssSelector("#indicators tbody tr"))).hasSize(106);
        assertThat(browser.findElement(By.id("indicator")).getText()).contains("MHL");
        screenshot(test, "indicators");
        // Drill down to the event the count rests on: the Marshall Islands' deposit.
        browser.findElement(By.cssSelector("#indicator a[href*='event=']")).click();
        WebElement picked =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ol.events li.picked")));
        assertThat(picked.getDomAttribute("data-type")).isEqualTo("InstrumentDeposited");
        assertThat(browser.findElement(By.id("state-status")).getText()).isEqualTo("State Party");

        // Every control is labelled.
        assertThat((Object) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('input, select')]
                    .filter(e => e.offsetParent !== null && e.labels.length === 0 && !e.getAttribute('aria-label'))
                    .map(e => e.id)""")).isEqualTo(List.of());

        // Phone width: nothing wider than the screen but the tables, which scroll inside their frame.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(gateway + "/#/states?asOf=2026-01-01");
        waitForCount("count-parties");
        assertThat((Object) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot(test, "phone");

        // A slow API: the page says it is still waiting, then shows the answer.
        browser.manage().window().setSize(new Dimension(1400, 1000));
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofMillis(4000));
        browser.setNetworkConditions(slow);
        try {
            browser.findElement(By.id("as-of-slider")).sendKeys(Keys.ARROW_LEFT);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("busy"), "The API is slow"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("states-date"), "2025-12-31"));
            assertThat(browser.findElement(By.id("busy")).getText()).isEmpty();
        } finally {
            browser.deleteNetworkConditions();
        }

        // The network gone: a message saying so, not a blank page.
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        try {
            browser.findElement(By.id("as-of-slider")).sendKeys(Keys.ARROW_LEFT);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"), "The API cannot be reached"));
            screenshot(test, "offline");
        } finally {
            browser.deleteNetworkConditions();
        }
    }

    @Test
    void swaggerUiTriesTheApiThroughTheGatewayWithTheKey(TestInfo test) {
        signIn(VerticalSlice.AUDITOR_KEY);
        waitForCount("count-parties");
        browser.get(gateway + "/api/docs/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info .title"),
                "Treaty Registry API"));
        WebElement operation = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#operations-registry-get_api_registry_meetings .opblock-summary")));
        operation.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".try-out__btn"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".execute"))).click();
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".live-responses-table tbody .response-col_status")));
        assertThat(status.getText()).isEqualTo("200");
        assertThat(browser.findElement(By.cssSelector(".live-responses-table")).getText()).contains("9MSP");
        screenshot(test);
    }

    /**
     * The operator's trial: a record no build can read arrives on the registry's topic about Antarctica, then a
     * sound one about it. Each follower holds both, the first as poison and the second waiting behind it, and the
     * Operations page names them. The operator discards the unreadable record and retries the sequence from the
     * page; the held event follows into the follower's read model, and the page says nothing is stuck.
     */
    @Test
    void anOperatorSeesAPoisonRecordNamedDiscardsItAndTheStatesHeldEventFollows(TestInfo test) throws Exception {
        Assumptions.assumeTrue(system != null, "needs the system in process, to reach its Kafka and MongoDB");
        String poisonId = "console-poison-" + UUID.randomUUID();
        InstrumentDeposited sound = new InstrumentDeposited("ATA", "ATA", InstrumentType.ACCESSION, "2026-12-06",
                null, LocalDate.of(2027, 6, 1), false, "console-trial");
        GenericDomainEventMessage<InstrumentDeposited> held = new GenericDomainEventMessage<>("StateParticipation",
                "ATA", 0, sound);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrap()), new StringSerializer(),
                new ByteArraySerializer())) {
            String topic = EventTopicsAutoConfiguration.topicOf("registry");
            producer.send(new ProducerRecord<>(topic, "ATA", """
                    {"specversion": "1.0", "id": "%s", "source": "/treaty-registry/registry", "type":
                     "org.treatyregistry.InstrumentDeposited", "subject": "ATA", "time": "2026-12-06T00:00:00Z",
                     "datacontenttype": "application/json", "recordedtime": "%s", "sequence": "0", "position": "0",
                     "data": {"iso3": "ATA", "depositDate": {"not": "a date"}}}"""
                    .formatted(poisonId, Instant.now()).getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, "ATA", new CloudEventCodec(JSON.copy().findAndRegisterModules(),
                    "registry").encode(held, sound, 1, 1L))).get();
        }

        signIn(VerticalSlice.OPERATOR_KEY);
        browser.get(gateway + "/#/operations");
        for (String follower : List.of("reporting", "indicators")) {
            assertThat(inStuckRow(follower, "2 letters held", WebElement::getText))
                    .as("what, where, since, the error and how to undo it")
                    .contains("a record no build can read first").contains("inbox sequence apmbc.registry.events|ATA")
                    .contains("depositDate").contains("Discard the first letter").contains("Retry the sequence");
        }
        screenshot(test, "poisoned");

        for (String follower : List.of("reporting", "indicators")) {
            inStuckRow(follower, "2 letters held", row -> click(row, "Discard the first letter"));
            assertThat(inStuckRow(follower, "1 letters held", WebElement::getText))
                    .contains(InboxDeadLetters.WAITING);
            inStuckRow(follower, "1 letters held", row -> click(row, "Retry the sequence"));
        }
        try {
            wait.ignoring(StaleElementReferenceException.class).until(driver -> {
                driver.findElement(By.id("operations-refresh")).click();
                return driver.findElements(By.cssSelector("#operations section.operations-service h3")).stream()
                        .filter(h -> h.getText().endsWith("nothing stuck")).count() == 3;
            });
        } finally {
            screenshot(test, "undone");
        }
        try (MongoClient mongo = MongoClients.create(system.mongoUri("reporting"))) {
            assertThat(mongo.getDatabase("reporting").getCollection("registry_facts_ids")
                    .countDocuments(Filters.eq("_id", "ATA/" + held.getIdentifier())))
                    .as("the held event, in reporting's read model of the registry").isEqualTo(1);
        }
    }

    /**
     * What {@code use} makes of the row of the service's stuck table that says {@code what}, once the page shows it
     * (refreshing until then); tried again on a row that a refresh replaced meanwhile.
     */
    private <T> T inStuckRow(String service, String what, Function<WebElement, T> use) {
        By row = By.xpath("//section[contains(@class,'operations-service')][h3[starts-with(.,'" + service
                + ":')]]//table[contains(@class,'stuck')]//tr[td[contains(.,'" + what + "')]]");
        return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    List<WebElement> found = driver.findElements(row);
                    if (found.isEmpty()) {
                        driver.findElement(By.id("operations-refresh")).click();
                        return null;
                    }
                    return use.apply(found.get(0));
                });
    }

    private static boolean click(WebElement row, String button) {
        row.findElement(By.xpath(".//button[.='" + button + "']")).click();
        return true;
    }

    /** The secret on the page, read again if the page redrew it meanwhile (the list reloads after a change). */
    private String secretShown() {
        return wait.ignoring(StaleElementReferenceException.class).until(driver -> driver.findElement(
                By.id("subs-secret-value")).getDomProperty("value"));
    }

    /**
     * An auditor's first subscription, from the Subscriptions page: a receiver on loopback that answers the
     * validation handshake is subscribed to Ukraine's deposits, the secret is shown once, the subscription is
     * listed as active; its secret is rotated, a range of the record replayed to it arrives and is in the delivery
     * log; a refused receiver URL is answered with the problem's detail; and the subscription is deleted.
     */
    @Test
    void anAuditorSubscribesAReceiverSeesTheSecretOnceAndDeletesTheSubscription(TestInfo test) throws Exception {
        LoopbackReceiver receiver = new LoopbackReceiver("/hook");
        List<LoopbackReceiver.Delivery> received = receiver.deliveries("/hook");
        try {
            String url = receiver.url("/hook");
            signIn(VerticalSlice.AUDITOR_KEY);
            waitForCount("count-parties");
            browser.findElement(By.linkText("Subscriptions")).click();
            wait.until(ExpectedConditions.urlContains("#/subscriptions?service=registry"));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#subs-none, #subs-table")));
            browser.findElement(By.id("subs-url")).sendKeys(url);
            browser.findElement(By.id("subs-type-InstrumentDeposited")).click();
            browser.findElement(By.id("subs-states")).sendKeys("ukr");
            browser.findElement(By.id("subs-submit")).click();

            WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("subs-secret")));
            assertThat(secret.getText()).contains("Copy it now: it is not shown again");
            String first = secretShown();
            assertThat(first).startsWith("whsec_");
            By row = By.xpath("//table[@id='subs-table']//tr[td[@class='receiver'][.='" + url + "']]");
            WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(listed.findElement(By.cssSelector(".sub-status")).getText()).isEqualTo("ACTIVE");
            assertThat(listed.getText()).contains("Instrument Deposited").contains("UKR");
            String id = listed.getDomAttribute("data-id");
            JsonNode made = get("/api/registry/subscriptions/" + id);
            assertThat(made.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(made.path("types").toString()).isEqualTo("[\"org.treatyregistry.InstrumentDeposited\"]");
            assertThat(made.path("states").toString()).isEqualTo("[\"UKR\"]");
            screenshot(test);

            // A rotated secret is shown once in its turn; then the user says it is copied and it is gone.
            listed.findElement(By.xpath(".//button[.='Rotate secret']")).click();
            wait.until(driver -> !first.equals(secretShown()));
            assertThat(secretShown()).startsWith("whsec_");
            assertThat(browser.findElement(By.id("subs-secret")).getText()).contains("previous secret still signs");
            browser.findElement(By.xpath("//button[.='I have copied it: hide it']")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("subs-secret")));
            assertThat(browser.findElements(By.id("subs-secret-value"))).isEmpty();

            // Ukraine's deposit, sent again from the start of the store, arrives and is in the delivery log.
            wait.until(ExpectedConditions.visibilityOfElementLocated(row)).findElement(By.linkText(id)).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("subs-no-deliveries")));
            browser.findElement(By.id("subs-replay-from")).sendKeys("1");
            browser.findElement(By.cssSelector("#subs-replay button[type=submit]")).click();
            wait.until(ExpectedConditions.textMatches(By.id("subs-done"), Pattern.compile(
                    "Queued [1-9]\\d* deliver(y|ies) of positions 1 to \\d+ again")));
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            assertThat(JSON.readTree(received.get(0).body()).path("subject").asText()).isEqualTo("UKR");
            WebElement delivered = new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class).until(driver -> {
                        List<WebElement> rows = driver.findElements(By.cssSelector("#subs-deliveries tbody tr"));
                        if (rows.isEmpty()) {
                            driver.findElement(By.cssSelector("#subs-one button[data-action=refresh]")).click();
                            return null;
                        }
                        return rows.get(0);
                    });
            assertThat(delivered.getText()).contains("Instrument Deposited UKR").contains("delivered").contains("204");
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", delivered);
            screenshot(test, "deliveries");

            // A receiver the service refuses: the problem's own words, where the console shows what went wrong.
            browser.findElement(By.linkText("← all subscriptions")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("subs-one")));
            String refusal = problem("/api/registry/subscriptions", "{\"url\": \"ftp://x\"}").path("detail").asText();
            assertThat(refusal).isNotBlank();
            browser.findElement(By.id("subs-url")).sendKeys("ftp://x");
            browser.findElement(By.id("subs-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"), refusal));
            assertThat(browser.findElement(By.id("alert")).getText()).startsWith("The API answered 400");
            assertThat(browser.findElement(By.id("subs-secret")).isDisplayed()).isFalse();

            // Deleted, after the user confirms: gone from the page and from the API.
            wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                    .findElement(By.xpath(".//button[.='Delete']")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subs-done"), "Deleted " + id));
            assertThat(get("/api/registry/subscriptions").findValuesAsText("id")).doesNotContain(id);
        } finally {
            receiver.close();
        }
    }

    @Test
    void theSubscriptionFormOffersEachEventTypeOfTheRecordUnderTheServiceThatRecordsIt() {
        signIn(VerticalSlice.AUDITOR_KEY);
        waitForCount("count-parties");
        List<String> offered = new ArrayList<>();
        for (String service : List.of("registry", "reporting", "indicators")) {
            browser.get(gateway + "/#/subscriptions?service=" + service);
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#subs-types[data-service=" + service + "]")));
            browser.findElements(By.cssSelector("#subs-types input[type=checkbox]"))
                    .forEach(box -> offered.add(box.getDomAttribute("value")));
        }
        assertThat(offered).containsExactlyInAnyOrderElementsOf(
                EventCatalog.events().stream().map(EventCatalog::typeOf).toList());
    }

    /** Runs last: it alters the record behind the API. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anAuditorVerifiesAFactInTheBrowserAndSeesItFailOnceTheStoredEventIsAltered(TestInfo test) throws Exception {
        TamperDrill.postTheAccession(system.gatewayPort());
        await().atMost(Duration.ofSeconds(30)).until(() -> history("CHN").stream()
                .anyMatch(fact -> fact.path("logIndex").isNumber()));
        String eventId = history("CHN").get(0).path("eventId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/registry/log").path("size").asLong()
                > history("CHN").get(0).path("logIndex").asLong());

        signIn(VerticalSlice.AUDITOR_KEY);
        browser.get(gateway + "/#/state/CHN");
        WebElement verify = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#ev-" + eventId + " button[data-verify]")));
        verify.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vf-" + eventId),
                "verified in this browser"));
        assertThat(browser.findElement(By.id("vf-" + eventId)).getText())
                .contains("signed by the key treaty-registry/registry (Ed25519)").contains("leads to the signed root");
        screenshot(test);

        browser.get(gateway + "/#/integrity");
        By registryKey = By.cssSelector(".integrity-service[data-service=registry] .verifier-key");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(registryKey, "treaty-registry/registry+"));
        assertThat(Long.parseLong(browser.findElement(
                By.cssSelector(".integrity-service[data-service=registry] .log-size")).getText())).isPositive();
        screenshot(test, "integrity");

        // Behind the API, the deposit date changed where the event is stored: the browser's check now fails.
        TamperDrill.editStoredPayload(system, "registry", eventId, TamperDrill.DEPOSITED, "2023-06-03");
        browser.get(gateway + "/#/state/CHN");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#ev-" + eventId + " button[data-verify]")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vf-" + eventId), "NOT verified"));
        assertThat(browser.findElement(By.id("vf-" + eventId)).getText()).contains("do not lead to the signed root");
    }

    private void signIn(String key) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        input.clear();
        input.sendKeys(key, Keys.ENTER);
    }

    private String storedKey() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return sessionStorage.getItem('treaty-registry.api-key')");
    }

    private int waitForCount(String id) {
        WebElement count =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + id + " strong")));
        return Integer.parseInt(count.getText());
    }

    private Path download(String name) {
        browser.findElement(By.id("csv")).click();
        Path file = downloads.resolve(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.size(file) > 0);
        return file;
    }

    private void screenshot(TestInfo test) {
        screenshot(test, null);
    }

    private void screenshot(TestInfo test, String view) {
        String name = test.getTestMethod().orElseThrow().getName() + (view == null ? "" : "-" + view) + ".png";
        try {
            Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("X-API-Key", VerticalSlice.AUDITOR_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A POST with the auditor's key that the API refuses with 400: its problem details. */
    private static JsonNode problem(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("X-API-Key", VerticalSlice.AUDITOR_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> history(String iso3) throws IOException, InterruptedException {
        List<JsonNode> facts = new ArrayList<>();
        get("/api/registry/states/" + iso3 + "/history").forEach(facts::add);
        return facts;
    }

    /** Posts a fact about Mongolia and waits until its history shows it; returns when it was recorded. */
    private static Instant postAndWait(String fact) throws IOException, InterruptedException {
        int known = history("MNG").size();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/registry/events"))
                .header("X-API-Key", VerticalSlice.INTEGRATION_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fact)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> history("MNG").size() > known);
        return Instant.parse(JSON.readTree(response.body()).at("/results/0/recordedAt").asText());
    }
}
