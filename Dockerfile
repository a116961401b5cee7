# One image recipe for all four Spring Boot modules; docker-compose.yml picks the module with the MODULE build arg:
#   docker build --build-arg MODULE=registry-service -t treaty-registry/registry-service:0.1.0 .
# Needs BuildKit (the default builder since Docker Engine 23 and always used by `docker compose`) for the cache mount.

FROM eclipse-temurin:17.0.16_8-jdk-jammy AS build
ARG MODULE
RUN test -n "${MODULE}" || { echo "build arg MODULE is required (e.g. registry-service)" >&2; exit 1; }
WORKDIR /src
# The whole reactor is copied (minus .dockerignore) because -am builds the module's in-repo dependencies too.
COPY . .
# ~/.m2 is a cache mount: dependencies and the wrapper's Maven survive between builds without landing in a layer.
# -DskipTests still compiles test sources, so test-jar dependencies (platform's) are produced.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -pl "${MODULE}" -am package -DskipTests \
 && cp "${MODULE}/target/${MODULE}-exec.jar" /app.jar

FROM eclipse-temurin:17.0.16_8-jre-jammy
# curl is the healthcheck probe in docker-compose.yml; the base image ships it today, install it if that changes.
RUN command -v curl >/dev/null \
 || { apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; }
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
# Owned by root and only readable by the app user: the process cannot rewrite its own code.
COPY --from=build /app.jar /app/app.jar
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
