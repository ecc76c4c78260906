/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.apache.camel.component.dify.example.web;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.Route;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them): the answer
 * grows in several steps while the stream is open, and closing the page stops the Dify task.
 */
class ChatWebBrowserTest {

    private static DifySimulator simulator;
    private static SimulatedApp chat;
    private static Main main;
    private static String site;
    private ChromeDriver browser;

    @BeforeAll
    static void startTheExample() throws Exception {
        // Selenium notes that it has no DevTools binding for this Chromium; the test does not use DevTools
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.SEVERE);
        simulator = DifySimulator.start();
        chat = simulator.createApp(AppMode.CHAT)
                // a long answer for a visitor who leaves early, so the task still runs when the page closes
                .answerWith(p -> ("Streaming word by word " + p.query() + " ")
                        .repeat(p.query().contains("leave") ? 200 : 8)
                        .trim())
                .pacing(Duration.ofMillis(80));
        int port = ScriptedServer.unusedPort();
        site = "http://127.0.0.1:" + port;
        main = ChatWebExample.main(simulator.baseUrl(), chat.apiKey(), port);
        main.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> http
                        .send(HttpRequest.newBuilder(URI.create(site + "/")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
    }

    @AfterAll
    static void stopTheExample() throws Exception {
        if (main != null) {
            main.stop();
        }
        simulator.close();
    }

    @BeforeEach
    void openChromium() {
        String chromium = executable("chromium", "chromium-browser", "google-chrome")
                .orElseThrow(() -> new IllegalStateException(
                        "no Chromium: install the Debian packages chromium and chromium-driver (bash .ci/run does)"));
        String driver = executable("chromedriver").or(() -> Optional.of("/usr/lib/chromium/chromedriver")
                .filter(path -> new File(path).canExecute()))
                .orElseThrow(() -> new IllegalStateException(
                        "no chromedriver: install the Debian package chromium-driver (bash .ci/run does)"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAnswerGrowsInSeveralStepsWhileTheStreamIsOpen() {
        browser.get(site + "/");
        browser.findElement(By.id("question")).sendKeys("for the browser");
        browser.findElement(By.id("send")).click();

        // seen in the page while Dify is still streaming: three deltas shown, the stream not done
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> lengths().size() >= 3);
        assertThat(status()).isEqualTo("streaming");
        String partial = browser.findElement(By.id("answer")).getText();

        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(status()));
        String answer = browser.findElement(By.id("answer")).getText();
        assertThat(answer).isEqualTo(("Streaming word by word for the browser ").repeat(8).trim());
        assertThat(answer).startsWith(partial).isNotEqualTo(partial);
        List<Long> lengths = lengths();
        assertThat(lengths).hasSizeGreaterThan(5).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void tokensReachTheBrowserWhileDifyIsStillStreaming() {
        // Dify sends four deltas, then only pings: the answer does not end until the page goes
        chat.failNext(new Fault.Stall(4, Duration.ofMillis(200)));
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(site + "/");
        browser.findElement(By.id("question")).sendKeys("and wait");
        browser.findElement(By.id("send")).click();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> lengths().size() >= 4);
        assertThat(status()).isEqualTo("streaming");
        assertThat(browser.findElement(By.id("answer")).getText()).startsWith("Streaming word by word");
        browser.close();
        browser.switchTo().window(first);
    }

    @Test
    void theEventStreamIsRelayedTheWayThisCamelLineAllows() {
        // set by the build: vertx-router on Camel 4.18 (this module), platform-http on 4.22 (chat-web-camel-4.22)
        String expected = System.getProperty("chat.web.expected.relay", "vertx-router");
        Route eventStream = main.getCamelContext().getRoute("event-stream");
        if (expected.equals("platform-http")) {
            assertThat(eventStream).as("the platform-http route of GET /chat").isNotNull();
            assertThat(eventStream.getEndpoint().getEndpointUri()).startsWith("platform-http://").contains("/chat");
        } else {
            assertThat(eventStream).as("no platform-http route for GET /chat on " + main.getCamelContext().getVersion())
                    .isNull();
        }
    }

    @Test
    void twoBrowsersStreamAtTheSameTime() {
        String first = browser.getWindowHandle();
        browser.get(site + "/");
        browser.findElement(By.id("question")).sendKeys("and leave early, first");
        browser.findElement(By.id("send")).click();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> lengths().size() >= 2);
        browser.switchTo().newWindow(WindowType.TAB);
        String second = browser.getWindowHandle();
        browser.get(site + "/");
        browser.findElement(By.id("question")).sendKeys("and leave early, second");
        browser.findElement(By.id("send")).click();

        // the second answer grows while the first one is still streaming, and the first one goes on growing too
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> lengths().size() >= 3);
        assertThat(status()).isEqualTo("streaming");
        browser.switchTo().window(first);
        int firstSoFar = lengths().size();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> lengths().size() > firstSoFar + 2);
        assertThat(status()).isEqualTo("streaming");
        browser.switchTo().window(second);
        assertThat(status()).isEqualTo("streaming");
    }

    @Test
    void closingThePageStopsTheDifyTask() {
        int stopsBefore = stops();
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(site + "/");
        browser.findElement(By.id("question")).sendKeys("and leave early");
        browser.findElement(By.id("send")).click();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> lengths().size() >= 2);

        browser.close(); // the tab with the page
        browser.switchTo().window(first);

        await().atMost(Duration.ofSeconds(30)).until(() -> stops() > stopsBefore);
    }

    private int stops() {
        return (int) simulator.requests()
                .stream()
                .filter(r -> r.method().equals("POST") && r.path().startsWith("/chat-messages/")
                        && r.path().endsWith("/stop"))
                .count();
    }

    @SuppressWarnings("unchecked")
    private List<Long> lengths() {
        return (List<Long>) ((JavascriptExecutor) browser).executeScript("return window.answerLengths;");
    }

    private String status() {
        return browser.findElement(By.id("status")).getText();
    }

    private static Optional<String> executable(String... names) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(dir -> Stream.of(names).map(name -> new File(dir, name)))
                .filter(File::canExecute)
                .map(File::getAbsolutePath)
                .findFirst();
    }

}
