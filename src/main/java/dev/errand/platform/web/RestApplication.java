package dev.errand.platform.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api}; {@code /health} and the dashboard are plain servlets and files. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
