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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

/**
 * The {@link KnowledgeRateLimit} of several instances at once: the slots live in a database they share, so N instances
 * together stay within Dify Cloud's per-workspace limit instead of sending N times it. Each reservation is one short
 * transaction that locks the limit's row, drops the slots that left the window, reads the {@code permits} newest, and
 * adds the new slot by the same rule as in one JVM.
 * <p>
 * Tables (created when missing, with plain VARCHAR and BIGINT columns; tested on PostgreSQL):
 * {@value #LIMITS} (one row per limit name, the lock) and {@value #SLOTS} (the slots taken, epoch milliseconds). The
 * instances' clocks are compared, so keep them in sync (NTP). JDBC blocks: reservations run on
 * the given executor, never on the caller's thread.
 */
final class JdbcKnowledgeRateLimit implements KnowledgeWriteLimit {

    static final String LIMITS = "CAMEL_DIFY_RATE_LIMIT";
    static final String SLOTS = "CAMEL_DIFY_RATE_SLOT";
    private static final int ATTEMPTS = 3;

    private final KnowledgeRateLimit rule;
    private final DataSource dataSource;
    private final String name;
    private final Executor executor;
    private volatile boolean tablesChecked;

    JdbcKnowledgeRateLimit(KnowledgeRateLimit rule, DataSource dataSource, String name, Executor executor) {
        this.rule = rule;
        this.dataSource = dataSource;
        this.name = name;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<Long> nextSlot() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reserve();
            } catch (SQLException e) {
                throw new CompletionException(new IllegalStateException("the shared knowledge rate limit '" + name
                        + "' could not take a slot in its database (knowledgeRateLimitDataSource): " + e.getMessage(),
                        e));
            }
        }, executor);
    }

    long reserve() throws SQLException {
        createTablesIfMissing();
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    long wait = reserve(connection);
                    connection.commit();
                    return wait;
                } catch (SQLException e) {
                    connection.rollback();
                    last = e; // two instances adding the limit's row at once: one of them tries again
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
        }
        throw last;
    }

    private long reserve(Connection connection) throws SQLException {
        lockTheLimit(connection);
        long now = rule.now();
        try (PreparedStatement gone = connection
                .prepareStatement("DELETE FROM " + SLOTS + " WHERE LIMIT_NAME = ? AND SLOT_AT <= ?")) {
            gone.setString(1, name);
            gone.setLong(2, rule.oldestKept(now));
            gone.executeUpdate();
        }
        Long blocking = null;
        try (PreparedStatement newest = connection
                .prepareStatement("SELECT SLOT_AT FROM " + SLOTS + " WHERE LIMIT_NAME = ? ORDER BY SLOT_AT DESC")) {
            newest.setString(1, name);
            newest.setMaxRows(rule.permits());
            try (ResultSet rows = newest.executeQuery()) {
                int seen = 0;
                while (rows.next()) {
                    if (++seen == rule.permits()) {
                        blocking = rows.getLong(1);
                    }
                }
            }
        }
        long slot = rule.slotAfter(now, blocking);
        try (PreparedStatement take = connection.prepareStatement("INSERT INTO " + SLOTS + " VALUES (?, ?)")) {
            take.setString(1, name);
            take.setLong(2, slot);
            take.executeUpdate();
        }
        return slot - now;
    }

    // the row of this limit, locked until the transaction ends: the instances take slots one after the other
    private void lockTheLimit(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection
                .prepareStatement("UPDATE " + LIMITS + " SET LIMIT_NAME = LIMIT_NAME WHERE LIMIT_NAME = ?")) {
            lock.setString(1, name);
            if (lock.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement add = connection.prepareStatement("INSERT INTO " + LIMITS + " VALUES (?)")) {
            add.setString(1, name);
            add.executeUpdate();
        }
    }

    private void createTablesIfMissing() throws SQLException {
        if (tablesChecked) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, LIMITS)) {
                create(connection, "CREATE TABLE " + LIMITS + " (LIMIT_NAME VARCHAR(200) NOT NULL PRIMARY KEY)");
            }
            if (!exists(connection, SLOTS)) {
                create(connection,
                        "CREATE TABLE " + SLOTS + " (LIMIT_NAME VARCHAR(200) NOT NULL, SLOT_AT BIGINT NOT NULL)");
            }
        }
        tablesChecked = true;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement probe = connection.createStatement()) {
            probe.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    // another instance may create it at the same moment
    private static void create(Connection connection, String ddl) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute(ddl);
        } catch (SQLException e) {
            String table = ddl.split(" ")[2];
            if (!exists(connection, table)) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return rule + ", shared by the instances of the database limit '" + name + "'";
    }
}
