package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The console in a real browser (Debian's chromium, headless, through its chromedriver): an operator signs in and
 * sees every account and creates one; that plain account sees only itself, switches language, uploads a real video
 * with progress, sees a refused prompt refused before submitting, submits, watches the task reach SUCCESS, plays
 * the result (a duration, time advancing), cancels a running task, and revokes a key that the API then refuses.
 * The browser's console must stay free of errors throughout.
 */
class ConsoleBrowserTest {
    private static final String O3 = "kling-video-o3-pro/video-edit";

    @TempDir
    Path dir;
    TestServer s;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        // No VEDIT_API_KEY: the first start generates a key for an operator account, as on a fresh install.
        s = new TestServer(dir.resolve("server"), c -> c.withApiKeys(List.of()));
        String driver = executable("chromedriver", "/usr/bin/chromedriver");
        String chromium = executable("chromium", "/usr/bin/chromium");
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US",
                        "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile()).build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (s != null) {
            s.close();
        }
    }

    /** The browser and driver of Debian's chromium and chromium-driver packages (.ci/run installs them). */
    private static String executable(String name, String usual) {
        if (Files.isExecutable(Path.of(usual))) {
            return usual;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        throw new AssertionError(name + " is not installed: apt-get install chromium chromium-driver (.ci/run does)");
    }

    @Test
    void aPersonUsesTheConsoleFromSignInToAPlayingResult() throws Exception {
        String operatorKey = s.server.createdApiKey().orElseThrow();
        Path clip = new Clips(dir.resolve("server").resolve("cache")).clip(dir.resolve("clip.mp4"), 320, 240, 2.0);

        // An operator signs in, sees every account, and creates one for a person.
        browser.get(s.url("/console"));
        signIn(operatorKey);
        go("#/account");
        WebElement accounts = element(By.id("accounts"));
        assertThat(accounts.getText()).contains("first account");
        element(By.id("account-name")).sendKeys("plain");
        element(By.id("create-account")).click();
        String plainKey = awaitText(By.cssSelector("#new-key code"));
        assertThat(plainKey).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> element(By.id("accounts")).getText().contains("plain"));
        shot("account-operator");

        // The person signs in and sees only their own account.
        element(By.id("signout")).click();
        signIn(plainKey);
        go("#/account");
        element(By.id("keys"));
        assertThat(browser.findElements(By.id("accounts"))).as("a plain account sees no other accounts").isEmpty();

        // Language: follows the browser (English here), switchable.
        WebElement firstNav = browser.findElement(By.cssSelector("#nav a"));
        assertThat(firstNav.getText()).isEqualTo("Tasks");
        element(By.id("lang")).click();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> browser.findElement(By.cssSelector("#nav a")).getText().equals("任务"));
        element(By.id("lang")).click();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> browser.findElement(By.cssSelector("#nav a")).getText().equals("Tasks"));

        // A new edit: upload with progress, a refusal shown before submitting, then the plan.
        go("#/new");
        ((JavascriptExecutor) browser).executeScript("const m = document.getElementById('model'); m.value = arguments[0];"
                + "m.dispatchEvent(new Event('change'));", O3);
        element(By.id("f-videoUrl")).sendKeys(clip.toAbsolutePath().toString());
        awaitText(By.cssSelector(".upload .ok"));
        WebElement prompt = element(By.id("f-prompt"));
        prompt.sendKeys("mirror it and turn it into anime style");
        String refusal = awaitText(By.id("refusal"));
        assertThat(refusal).startsWith("2001");
        assertThat(element(By.cssSelector(".prompt-marked mark")).getText()).contains("anime style");
        prompt.clear();
        prompt.sendKeys("make it black and white and slow it down to half speed");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.findElements(By.cssSelector("#plan li")).size() == 2);
        assertThat(element(By.id("plan")).getText()).contains("grayscale", "speed");
        shot("new-edit");
        element(By.id("submit")).click();

        // Watch it live to SUCCESS, then play the result.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.getCurrentUrl().contains("#/task/"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> element(By.cssSelector(".task-head .status")).getText().equals("SUCCESS"));
        assertThat(element(By.cssSelector(".task-head .pct")).getText()).isEqualTo("100%");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> number("return document.getElementById('result').duration || 0") > 3.0);
        ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const v = document.getElementById('result'); v.muted = true; v.play().then(() => done(true), (e) => done(String(e)));");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> number("return document.getElementById('result').currentTime") > 0.3);
        assertThat(element(By.id("timeline")).getText()).contains("QUEUED", "RUNNING", "SUCCESS");
        shot("task");
        go("#/tasks");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElements(By.cssSelector("#tasks tr[data-task]")).size() == 1);
        shot("tasks");

        // Cancel a running task from its page.
        Path longClip = new Clips(dir.resolve("server").resolve("cache")).clip(dir.resolve("long.mp4"), 640, 360, 8.0);
        String video = Uploads.downloadUrl(s, plainKey, "long.mp4", Files.readAllBytes(longClip));
        JsonNode submitted = s.post("/openapi/v2/" + O3, plainKey, Map.of("prompt", "play it backwards and slow it down to half speed", "videoUrl", video));
        String slow = submitted.path("taskId").asText();
        assertThat(slow).as(submitted.toString()).isNotEmpty();
        go("#/task/" + slow);
        element(By.id("cancel")).click();
        String failure = awaitText(By.id("failure"));
        assertThat(failure).startsWith("2002");

        // Keys: make one, then revoke it from the page; the API refuses it on the next call.
        go("#/account");
        element(By.id("key-label")).sendKeys("temporary");
        element(By.id("create-key")).click();
        String temporary = awaitText(By.cssSelector("#new-key code"));
        assertThat(s.post("/uc/openapi/accountStatus", temporary, Map.of()).path("code").asInt()).isZero();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> row("temporary").isPresent());
        row("temporary").orElseThrow().findElement(By.cssSelector("button.revoke")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> row("temporary").map(r -> r.findElements(By.cssSelector("button.revoke")).isEmpty()).orElse(false));
        assertThat(s.post("/uc/openapi/accountStatus", temporary, Map.of()).path("code").asInt()).isEqualTo(802);
        assertThat(s.post("/openapi/v2/query", temporary, Map.of("taskId", slow)).path("errorCode").asText()).isEqualTo("1002");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    /** The README's screenshots come from here: vedit-server/target/console-screenshots. */
    private void shot(String name) throws java.io.IOException {
        Path target = Path.of("target", "console-screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private void signIn(String key) {
        WebElement input = element(By.id("key"));
        input.sendKeys(key);
        element(By.id("signin")).click();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.findElement(By.id("nav")).isDisplayed());
    }

    private void go(String hash) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0];", hash);
    }

    private WebElement element(By by) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !browser.findElements(by).isEmpty());
        return browser.findElement(by);
    }

    private String awaitText(By by) {
        String[] text = {""};
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            List<WebElement> found = browser.findElements(by);
            text[0] = found.isEmpty() ? "" : found.getFirst().getText().strip();
            return !text[0].isEmpty();
        });
        return text[0];
    }

    private double number(String script) {
        Object v = ((JavascriptExecutor) browser).executeScript(script);
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    private Optional<WebElement> row(String label) {
        return browser.findElements(By.cssSelector("#keys tr[data-key]")).stream().filter(r -> r.getText().contains(label)).findFirst();
    }
}
