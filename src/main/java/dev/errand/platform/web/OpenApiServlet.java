package dev.errand.platform.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /openapi}: the OpenAPI document of the whole API, public like any API description
 * (docs/security.md). It is generated at build time (smallrye-open-api-maven-plugin, completed by
 * {@link OpenApiProblems}) into the WAR, so every server answers the same bytes (docs/rest-api.md#openapi).
 */
@WebServlet("/openapi")
public class OpenApiServlet extends HttpServlet {

    static final String DOCUMENT = "META-INF/errand/openapi.json";

    private byte[] document;

    @Override
    public void init() throws ServletException {
        try (InputStream in = OpenApiServlet.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new ServletException(DOCUMENT + " is missing from the WAR: build it with Maven");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }
}
