package org.apache.camel.component.dify;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP client belongs to the component: endpoints with different settings share one connection pool and I/O
 * reactor, a dify:events consumer starts none, and stopping the component closes it.
 */
class DifyTransportSharingTest {

    private static final DifySimulator SIMULATOR = DifySimulator.start();
    private static final SimulatedApp APP = SIMULATOR.createApp(AppMode.CHAT).answer("shared");

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void endpointsWithDifferentTimeoutsShareOneClientThatStopsWithTheComponent() throws Exception {
        CamelContext context = newContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("dify:chat?requestTimeout=60000&apiKey=" + APP.apiKey());
                from("direct:b").to("dify:chat?requestTimeout=30000&streamIdleTimeout=5000&apiKey=" + APP.apiKey());
                from("direct:c").to("dify:getAppInfo?connectTimeout=2000&apiKey=" + APP.apiKey());
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        assertThat(template.send("direct:a", e -> e.getMessage().setBody("hi")).getException()).isNull();
        long oneClient = ioThreads(context);
        assertThat(oneClient).isPositive();

        for (String route : new String[] { "direct:b", "direct:c" }) {
            Exchange exchange = template.send(route, e -> e.getMessage().setBody("hi"));
            assertThat(exchange.getException()).as(route).isNull();
        }
        // one client for the component, not one per endpoint
        assertThat(ioThreads(context)).isEqualTo(oneClient);

        context.stop();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ioThreads(context) == 0);
    }

    @Test
    void anEventsConsumerStartsNoHttpClient() throws Exception {
        CamelContext context = newContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dify:events").to("log:events");
            }
        });
        context.start();

        assertThat(ioThreads(context)).isZero();
        context.stop();
    }

    private static CamelContext newContext() {
        CamelContext context = new DefaultCamelContext();
        DifyComponent dify = new DifyComponent();
        dify.getConfiguration().setBaseUrl(SIMULATOR.baseUrl());
        context.addComponent("dify", dify);
        return context;
    }

    // threads made by Camel carry the context's name; HttpClient's own would not, and must not exist
    private static long ioThreads(CamelContext context) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().contains("(" + context.getName() + ")")
                                  && thread.getName().contains("DifyIO"))
                .count();
    }
}
