package io.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the pages of the running service, at a phone's size. The browser and its driver are
 * Debian's {@code chromium} and {@code chromium-driver} (installed by .ci/run); Selenium is pointed at them, so it
 * downloads nothing. Without them the browser tests fail, saying how to install them.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final int WIDTH = 412;
    private static final int HEIGHT = 915;

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String root;

    private Browser(ChromeDriver driver, URL root) {
        this.driver = driver;
        this.wait = waiting(driver, Duration.ofSeconds(20));
        this.root = root.toString().replaceAll("/$", "");
    }

    public static Browser open(URL root) {
        for (Path file : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(file)) {
                throw new IllegalStateException("The browser tests need " + file + ", from Debian's chromium and "
                        + "chromium-driver packages: sudo apt-get update && sudo apt-get install -y chromium "
                        + "chromium-driver (.ci/run installs them; see the README)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), root);
    }

    /** Opens a page of the service: "/", "/#/cart", "/warehouse/". */
    public void go(String path) {
        driver.get(root + path);
    }

    /** A second window, with a session storage (so a token) of its own; answers its handle. */
    public String newWindow() {
        driver.switchTo().newWindow(WindowType.WINDOW);
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        return driver.getWindowHandle();
    }

    public String window() {
        return driver.getWindowHandle();
    }

    public void switchTo(String window) {
        driver.switchTo().window(window);
    }

    public WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public void type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    public void select(By by, String value) {
        wait.until(driver -> !new Select(driver.findElement(by)).getOptions().isEmpty());
        new Select(visible(by)).selectByValue(value);
    }

    /** Waits until the element's text contains the given text; answers the whole text. */
    public String awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return visible(by).getText();
    }

    public String text(By by) {
        return visible(by).getText();
    }

    /** Waits, at most the given time, until the condition holds (for what a page only shows after a while). */
    public void await(Duration atMost, java.util.function.Function<Browser, Boolean> condition) {
        waiting(driver, atMost).until(driver -> condition.apply(this));
    }

    /** A wait that reads the page again when a script has just replaced what it was looking at. */
    private static WebDriverWait waiting(ChromeDriver driver, Duration atMost) {
        WebDriverWait wait = new WebDriverWait(driver, atMost);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Signs in with the dev mode's one-click sign-in ("dev-customer", "dev-admin", "dev-warehouse"). */
    public void signIn(String button) {
        click(By.id("sign-in-toggle"));
        click(By.id(button));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("sign-in")));
    }

    /**
     * Saves the whole page as target/screenshots/NAME.png (docs/screenshots keeps a copy of each), after checking
     * that it fits the phone's width: nothing sticks out sideways.
     */
    public void screenshot(String name) {
        JavascriptExecutor script = driver;
        Object wider = script.executeScript("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5)");
        if (!((List<?>) wider).isEmpty()) {
            throw new AssertionError(name + ": wider than a phone's screen: " + wider);
        }
        Number height = (Number) script.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        Dimension size = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(WIDTH, Math.max(HEIGHT, height.intValue())));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
