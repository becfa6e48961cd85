import { compileTemplate, DOCKER_FUNCS, TemplateError } from '../../gotemplate.ts';
import { table } from './render.ts';

/**
 * docker's `--format` / `-f`: Go templates on the shared engine
 * (src/shell/gotemplate.ts) with docker's functions, named "" as the CLI's
 * templates are (`template: :1: …`).
 */
export { TemplateError };

/**
 * Renders `tpl` over `data`. `strict` (docker ps's formatter context, a Go
 * struct) makes an unknown field an error; inspect's decoded JSON maps
 * print `<no value>` instead, as Go does for a missing map key.
 */
export function renderTemplate(tpl: string, data: unknown, strict = false): string {
  return compileTemplate(tpl, { funcs: DOCKER_FUNCS, name: '', struct: strict ? '*formatter.ContainerContext' : undefined })(data);
}

/**
 * The docker CLI's formatter.Context.Write over one context per row: `table …` prints a header row (each `{{.Field}}`
 * replaced by header(Field)) and aligns the columns; `json` is `{{json .}}`; anything else is one rendered line per row.
 * A template that does not parse is "template parsing error: …", one that fails on a row the executor's error.
 */
export function formatRows(ctx: { stdout: { write(s: string): void }; stderr: { write(s: string): void } }, rows: unknown[], format: string, header: (field: string) => string): number {
  const isTable = format.startsWith('table ');
  const tpl = (isTable ? format.slice(6) : format).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  try {
    const render = compileTemplate(tpl === 'json' ? '{{json .}}' : tpl, { funcs: DOCKER_FUNCS, name: '', struct: '*formatter.ContainerContext' });
    const lines = rows.map(render);
    if (!isTable) return (ctx.stdout.write(lines.map((l) => `${l}\n`).join('')), 0);
    const head = tpl.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_m, f: string) => header(f));
    ctx.stdout.write(table([head, ...lines].map((l) => l.split('\t'))));
    return 0;
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    ctx.stderr.write(`${e.message.startsWith('template: :1: ') && !e.message.includes('executing') ? `template parsing error: ${e.message}` : e.message}\n`);
    return 1;
  }
}
