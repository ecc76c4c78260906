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
package org.apache.camel.component.dify.api.event;

/** {@code message_file}: A file produced for the message, or, when it carries {@code answer} and no {@code url}, a text delta (Dify names deltas {@code message_file} once a message has an assistant file). */
public class MessageFileEvent extends DifyStreamEvent {

    private String id;

    private String type;

    private String belongsTo;

    private String url;

    private String answer;

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getBelongsTo() {
        return belongsTo;
    }

    public String getUrl() {
        return url;
    }

    public String getAnswer() {
        return answer;
    }

    /** Whether this frame is a text delta rather than a file (it carries {@code answer} and no {@code url}). */
    public boolean isTextDelta() {
        return answer != null && url == null;
    }
}
