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
package org.apache.camel.component.dify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.PageIterator;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * allPages against a server whose list does not end, as a Dify bug could make it: the iteration stops when a page
 * gives a cursor already used, and fails past allPagesMaxItems, naming the option.
 */
class DifyAllPagesGuardsTest extends DifyTestSupport {

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    // /conversations answers the same two items and has_more for ever (a repeating last_id); /messages an endless
    // list with a new cursor each page
    private static final ScriptedServer ENDLESS = ScriptedServer.start((request, connection) -> {
        int n = REQUESTS.incrementAndGet();
        if (request.target().contains("/conversations")) {
            connection.json(200, "{\"limit\":2,\"has_more\":true,\"data\":[{\"id\":\"c-1\"},{\"id\":\"c-2\"}]}");
        } else {
            connection.json(200, "{\"limit\":2,\"has_more\":true,\"data\":[{\"id\":\"m-" + (2 * n) + "\"},"
                    + "{\"id\":\"m-" + (2 * n + 1) + "\"}]}");
        }
    });

    private final List<Object> items = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopServer() {
        ENDLESS.close();
    }

    @BeforeEach
    void reset() {
        items.clear();
        REQUESTS.set(0);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String options = "allPages=true&limit=2&user=u&apiKey=app-endless&baseUrl=" + ENDLESS.baseUrl();
                from("direct:conversations").to("dify:listConversations?" + options)
                        .split(body())
                        .streaming()
                        .process(e -> items.add(e.getMessage().getBody()));
                from("direct:messages").to("dify:listMessages?allPagesMaxItems=7&" + options)
                        .split(body())
                        .streaming()
                        .process(e -> items.add(e.getMessage().getBody()));
            }
        };
    }

    @Test
    void aCursorGivenTwiceEndsTheIteration() {
        Exchange listed = send("direct:conversations", null);

        assertThat(listed.getException()).isNull();
        assertThat(items).hasSize(4);
        assertThat(REQUESTS.get()).as("the first page and the one at c-2; c-2 again is not read").isEqualTo(2);
    }

    @Test
    void aListLongerThanTheCapFailsNamingTheOption() {
        Exchange listed = send("direct:messages", null, DifyConstants.CONVERSATION_ID, "conv-1");

        assertThat(items).hasSize(7);
        assertThat(listed.getException()).isInstanceOf(PageIterator.TooManyItems.class)
                .hasMessageContaining("7")
                .hasMessageContaining("allPagesMaxItems");
    }

    @Test
    void theCapDefaultsToTenThousandAsTheOfficialSdk() {
        assertThat(new DifyConfiguration().getAllPagesMaxItems()).isEqualTo(10_000);
    }
}
