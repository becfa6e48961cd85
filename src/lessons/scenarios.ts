/**
 * The starting files of each lesson's terminal. Lessons, tests and the
 * solution replayer all import them from here, so they never drift apart.
 */
export interface Scenario {
  /** Working directory under /home/learner (also the default Compose project name). */
  dir: string;
  files: Record<string, string>;
  /** Engines the lesson needs running from the start. */
  boot?: 'k8s'[];
}

export const composeDemo: Scenario = {
  dir: 'compose-demo',
  files: {
    'compose.yaml': `services:
  web:
    build: ./web
    ports:
      - "8080:80"
    depends_on:
      - db
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
    volumes:
      - db-data:/var/lib/postgresql/data

volumes:
  db-data:
`,
    'web/Dockerfile': `FROM nginx:1.27-alpine
COPY index.html /usr/share/nginx/html/index.html
`,
    'web/index.html': `<!doctype html>
<title>compose-demo</title>
<h1>Hello from compose-demo</h1>
`,
  },
};
