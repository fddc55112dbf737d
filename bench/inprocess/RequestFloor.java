package dev.errand.bench;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Bench only, never in the shipped WAR (bench/inprocess.sh adds it to a copy): {@code POST /bench/floor} reads the body
 * and answers 204 behind the same login as the API, so that {@code bench/jit.sh} can measure what an authenticated
 * HTTP request costs this server before any JAX-RS, JSON or job (docs/performance.md, "The JIT on two cores").
 */
@WebServlet("/bench/floor")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class RequestFloor extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getInputStream().readAllBytes();
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
