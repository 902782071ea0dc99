FROM node:20-bookworm-slim
# Debian's Chromium and CJK fonts: Playwright never downloads a browser.
RUN apt-get update && apt-get install -y --no-install-recommends chromium chromium-headless-shell fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true
CMD ["npx", "tsx", "cli/main.ts", "api"]
