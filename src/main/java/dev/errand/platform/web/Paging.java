package dev.errand.platform.web;

/** The paging query parameters every list of the API shares: {@code limit} and an id {@code cursor}. */
public final class Paging {

    private Paging() {
    }

    /** {@code limit} as given, or {@code fallback} when absent; a 400 problem unless it lies in 1..max. */
    public static int limit(String limit, int fallback, int max) {
        if (limit == null || limit.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + max, "limit");
    }

    /** The id a page continues below, or {@code null} for the first page. */
    public static Long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cursor must be a value from a previous page's 'next'", "cursor");
        }
    }
}
