package dev.errand.server;

/**
 * How many job attempts this server runs right now, for its heartbeat. The job engine implements it; this
 * package cannot depend on the engine (the engine depends on this one).
 */
public interface ServerLoad {

    int running();
}
