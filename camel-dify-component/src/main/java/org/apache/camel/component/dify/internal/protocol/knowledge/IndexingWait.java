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
package org.apache.camel.component.dify.internal.protocol.knowledge;

/**
 * How long and how often to poll Dify's indexing progress.
 *
 * @param pollMillis    the first pause between two polls; each next pause doubles it, up to {@code maxPollMillis}
 * @param maxPollMillis the longest pause between two polls
 * @param timeoutMillis the deadline, from the start of the wait; past it the wait fails with
 *                      {@link org.apache.camel.component.dify.api.DifyException#INDEXING_TIMEOUT}
 */
public record IndexingWait(long pollMillis, long maxPollMillis, long timeoutMillis) {

    public IndexingWait {
        if (pollMillis < 1 || maxPollMillis < pollMillis || timeoutMillis < 1) {
            throw new IllegalArgumentException("an indexing wait needs 0 < poll interval <= max poll interval and a"
                    + " positive timeout");
        }
    }
}
