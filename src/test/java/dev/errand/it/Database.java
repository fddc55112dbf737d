package dev.errand.it;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Direct access to Errand's tables, for what the API deliberately does not show (row counts, dispatch numbers) and
 * for states a test must stage (an old finished job, a dead server's row).
 */
public final class Database {

    public static final String URL = System.getProperty("errand.test.dbUrl", "jdbc:postgresql://127.0.0.1:5432/errand_test");

    private Database() {
    }

    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** A connection of the test's own, for work that needs several statements in one transaction. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "");
    }

    private static <T> T run(String sql, Object[] params, Work<T> work) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return work.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as a number. */
    public static long count(String sql, Object... params) {
        return run(sql, params, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String text(String sql, Object... params) {
        return run(sql, params, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    /** The rows' first column (text), each with the set of its rows' second column (a number). */
    public static Map<String, Set<Long>> grouped(String sql, Object... params) {
        return run(sql, params, statement -> {
            Map<String, Set<Long>> groups = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.computeIfAbsent(rows.getString(1), key -> new HashSet<>()).add(rows.getLong(2));
                }
            }
            return groups;
        });
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows. */
    public static int update(String sql, Object... params) {
        return run(sql, params, PreparedStatement::executeUpdate);
    }

    public static long jobCount() {
        return count("SELECT COUNT(*) FROM errand.job");
    }

    public static long eventCount() {
        return count("SELECT COUNT(*) FROM errand.job_event");
    }

    /**
     * The event count once no job started in the last two minutes is running and the count has not moved for half a
     * second: the baseline of a test that checks a refused request wrote no event, which jobs an earlier test left
     * running would otherwise move. (Older ones are an earlier failure's leftovers, not waited for.)
     */
    public static long settledEventCount() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = count("SELECT COUNT(*) FROM errand.job_event");
            boolean settled = now == last[0] && count("SELECT COUNT(*) FROM errand.job WHERE state = 'PROCESSING'"
                    + " AND started_at > now() - interval '2 minutes'") == 0;
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    public static int dispatchOf(long jobId) {
        return (int) count("SELECT dispatch FROM errand.job WHERE id = ?", jobId);
    }
}
