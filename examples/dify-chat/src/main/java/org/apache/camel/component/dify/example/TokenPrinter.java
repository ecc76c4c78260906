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
package org.apache.camel.component.dify.example;

import org.apache.camel.component.dify.api.event.AgentMessageEvent;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.MessageEndEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.api.event.MessageFileEvent;
import org.apache.camel.component.dify.api.event.MessageReplaceEvent;

/**
 * Prints an answer token by token as its events arrive, and returns the whole answer at {@code message_end} (null
 * for every other event). Used by the Java and the YAML route alike; one answer at a time.
 */
public class TokenPrinter {

    private final StringBuilder answer = new StringBuilder();

    public String print(DifyStreamEvent event) {
        String delta = null;
        if (event instanceof MessageEvent message) {
            delta = message.getAnswer();
        } else if (event instanceof AgentMessageEvent agent) {
            delta = agent.getAnswer();
        } else if (event instanceof MessageFileEvent file && file.isTextDelta()) {
            delta = file.getAnswer();
        } else if (event instanceof MessageReplaceEvent replace) {
            answer.setLength(0);
            answer.append(replace.getAnswer());
            System.out.print("\n      (moderated) " + replace.getAnswer());
        } else if (event instanceof MessageEndEvent end) {
            String whole = answer.toString();
            answer.setLength(0);
            Integer tokens = end.getMetadata() == null || end.getMetadata().usage() == null ? null
                    : end.getMetadata().usage().totalTokens();
            System.out.println(tokens == null ? "" : "  [" + tokens + " tokens]");
            System.out.flush();
            return whole;
        }
        if (delta != null) {
            if (answer.length() == 0) {
                System.out.print("Dify: ");
            }
            answer.append(delta);
            System.out.print(delta);
            System.out.flush();
        }
        return null;
    }
}
