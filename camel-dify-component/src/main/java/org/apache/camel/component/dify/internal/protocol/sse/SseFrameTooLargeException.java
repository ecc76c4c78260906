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
package org.apache.camel.component.dify.internal.protocol.sse;

/**
 * Thrown by {@link SseDecoder} when one frame grows beyond the configured bound: protects the heap from a stream that
 * never sends a blank line.
 */
public class SseFrameTooLargeException extends RuntimeException {

    public SseFrameTooLargeException(int maxFrameSize) {
        super("Server-Sent Events frame exceeds maxFrameSize of " + maxFrameSize
                + " bytes; raise the Dify endpoint option maxFrameSize if the server legitimately sends larger events");
    }
}
