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
package org.apache.camel.component.dify.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.api.UploadedFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.entity.FileEntityProducer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;

/**
 * A large upload, {@code dify:uploadFile} from a file against the raw HttpClient 5 async client sending the same file
 * as its request body (the same client's ceiling; the multipart framing {@code dify:} adds is under a kilobyte), to
 * {@link BenchServer} in its own JVM, which reads and discards it. Run with a small heap ({@code -Xmx64m}): the file
 * is larger than the heap, so it only works streamed. Prints a Markdown table; nothing is asserted.
 */
public final class UploadBenchmark {

    private static final long BYTES = Long.getLong("uploadBytes", 1L << 30);
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("dify-upload-bench", ".bin");
        try (RandomAccessFile content = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31);
            }
            for (long written = 0; written < BYTES; written += block.length) {
                content.write(block, 0, (int) Math.min(block.length, BYTES - written));
            }
        }
        CloseableHttpAsyncClient raw = HttpAsyncClients.custom()
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .build();
        raw.start();
        CamelContext camel = new DefaultCamelContext();
        try (BenchServer.Forked server = BenchServer.Forked.start()) {
            DifyComponent dify = new DifyComponent();
            dify.getConfiguration().setBaseUrl(server.baseUrl());
            dify.getConfiguration().setApiKey("app-bench");
            camel.addComponent("dify", dify);
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:upload").to("dify:uploadFile?fullResponse=true");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            double[] rawRates = new double[ROUNDS];
            double[] difyRates = new double[ROUNDS];
            rawUpload(raw, server.baseUrl(), file); // warm-up
            difyUpload(template, file);
            for (int round = 0; round < ROUNDS; round++) {
                rawRates[round] = rate(() -> rawUpload(raw, server.baseUrl(), file));
                difyRates[round] = rate(() -> difyUpload(template, file));
            }
            Arrays.sort(rawRates);
            Arrays.sort(difyRates);
            double rawRate = rawRates[ROUNDS / 2];
            double difyRate = difyRates[ROUNDS / 2];
            System.out.printf(Locale.ROOT,
                    "| upload of %,d MiB, -Xmx%d MiB, MB/s | raw HttpClient 5 | dify:uploadFile |"
                            + " dify/raw | peak heap used, MB |%n",
                    BYTES >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| median of %d | %,.0f | %,.0f | %.2f | %.1f |%n", ROUNDS, rawRate,
                    difyRate, difyRate / rawRate, peakHeap() / 1e6);
        } finally {
            camel.stop();
            raw.close(CloseMode.GRACEFUL);
            Files.deleteIfExists(file);
        }
    }

    private interface Upload {

        void run() throws Exception;
    }

    private static double rate(Upload upload) throws Exception {
        long start = System.nanoTime();
        upload.run();
        return BYTES / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static void rawUpload(CloseableHttpAsyncClient raw, String baseUrl, Path file) throws Exception {
        CompletableFuture<SimpleHttpResponse> done = new CompletableFuture<>();
        raw.execute(AsyncRequestBuilder.post(baseUrl + "/files/upload")
                .addHeader("Authorization", "Bearer app-bench")
                // 64 KiB reads, as dify:'s multipart producer does (the default is 4 KiB)
                .setEntity(new FileEntityProducer(file.toFile(), 64 * 1024, ContentType.APPLICATION_OCTET_STREAM,
                        false))
                .build(), SimpleResponseConsumer.create(), new FutureCallback<>() {

                    @Override
                    public void completed(SimpleHttpResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void failed(Exception ex) {
                        done.completeExceptionally(ex);
                    }

                    @Override
                    public void cancelled() {
                        done.cancel(false);
                    }
                });
        if (done.get(10, TimeUnit.MINUTES).getCode() != 201) {
            throw new IOException("raw upload failed: " + done.get().getCode());
        }
    }

    private static void difyUpload(ProducerTemplate template, Path file) {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(file));
        if (exchange.getException() != null) {
            throw new IllegalStateException(exchange.getException());
        }
        // the server counted the file's bytes and the multipart framing around them
        long received = exchange.getMessage().getBody(UploadedFile.class).size();
        if (received < BYTES) {
            throw new IllegalStateException("the server received " + received + " of " + BYTES + " bytes");
        }
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans()
                .stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum();
    }
}
