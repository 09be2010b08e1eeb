import { escapeHtml } from "./escape-html.ts";

/** The frame of the registration pages (Probot's stylesheet, served from /probot/static). `body` is HTML already escaped. */
export function setupPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="/probot/static/primer.css">
  </head>
  <body class="bg-gray-light">
    <div class="container-md p-6 my-6 box-shadow rounded-2 border bg-white">
${body}
    </div>
  </body>
</html>
`;
}
