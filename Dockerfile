# Production image: compiled JavaScript, production dependencies only, Debian's
# Chromium (Playwright never downloads a browser), tini as PID 1 so SIGTERM
# reaches node (npx would swallow it and orphan the worker), a non-root user.
# test/ops/production-start.test.ts runs the same start path on the CI machine.

# --- build: TypeScript -> dist/ (scripts/build.sh), with the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
COPY . .
RUN bash scripts/build.sh dist

# --- runtime ---------------------------------------------------------------------
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium chromium-headless-shell fonts-noto-cjk tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Evidence and session files are written under /data (a volume); nothing else is writable by the app.
RUN mkdir -p /data/evidence && chown -R node:node /data
USER node
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true IPWATCH_EVIDENCE_DIR=/data/evidence
EXPOSE 8600
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.IPWATCH_API_PORT||8600)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/cli/main.js"]
CMD ["api"]
