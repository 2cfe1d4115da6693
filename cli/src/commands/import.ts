/**
 * `konbit import hxl FILE --kind …` and `konbit import dtm FILE`: import an HXL-tagged CSV or an
 * IOM DTM API answer into the store, all or nothing, as the platform. Large files stream, with a
 * progress bar on a terminal; every error is listed with its row and column.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  CLASSIFICATION_LEVELS,
  HXL_KINDS,
  isLocalDate,
  type ClassificationLevel,
  type HxlKind,
  type ImportResult,
} from '@konbit/core';
import { fileSource, importDtmJson, importHxl, systemActor } from '@konbit/server';
import { configFrom, withContext, type StoreFlags } from '../context.js';
import { out, progress, UsageError } from '../output.js';

const CLI = systemActor('cli');

interface ImportFlags extends StoreFlags {
  readonly classification?: string;
  readonly sourceUrl?: string;
}

function classificationOf(text: string | undefined): ClassificationLevel | undefined {
  if (text === undefined) return undefined;
  if (!(CLASSIFICATION_LEVELS as readonly string[]).includes(text)) {
    throw new UsageError(
      `--classification must be one of ${CLASSIFICATION_LEVELS.join(', ')}, got "${text}"`,
    );
  }
  return text as ClassificationLevel;
}

function readable(path: string): void {
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** What an import did, in the words an operator reads at 3 a.m. */
function summary(file: string, r: ImportResult): void {
  const c = r.created;
  const added = [
    [c.figures, 'figures'],
    [c.idpSites, 'IDP sites'],
    [c.activities, 'activities'],
    [c.accessConstraints, 'access constraints'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  out(
    `Imported ${file} (${r.rows} rows, ${r.encoding}${r.hashtagRow ? `, hashtags on row ${r.hashtagRow}` : ''})`,
  );
  out(`  added: ${added.length > 0 ? added.join(', ') : 'nothing new'}`);
  if (r.updated > 0) out(`  updated: ${r.updated}`);
  if (r.unchanged > 0) out(`  already there: ${r.unchanged}`);
  if (r.datedAfterToday > 0)
    out(`  dated after today (stored, not yet latest): ${r.datedAfterToday}`);
  out(`  sha256: ${r.sha256}`);
}

export function registerImport(program: Command): void {
  const imp = program.command('import').description('import data files (all or nothing)');

  imp
    .command('hxl')
    .description(
      'import an HXL-tagged CSV (UTF-8 or Latin-1); a second import of the same file adds nothing',
    )
    .argument('<file>', 'the CSV file')
    .requiredOption('--kind <kind>', HXL_KINDS.join(', '))
    .option('--classification <level>', `${CLASSIFICATION_LEVELS.join(', ')} (default: per kind)`)
    .option(
      '--source-organisation <name>',
      'who the numbers come from, when the file does not say (#meta+source)',
    )
    .option('--source-title <title>', 'the document they come from')
    .option('--source-url <url>', 'where the document is')
    .option('--source-published <date>', 'when it was published (YYYY-MM-DD)')
    .option('--db <file>')
    .action(
      async (
        file: string,
        flags: ImportFlags & {
          kind: string;
          sourceOrganisation?: string;
          sourceTitle?: string;
          sourcePublished?: string;
        },
      ) => {
        if (!(HXL_KINDS as readonly string[]).includes(flags.kind)) {
          throw new UsageError(
            `--kind must be one of ${HXL_KINDS.join(', ')}, got "${flags.kind}"`,
          );
        }
        if (flags.sourcePublished !== undefined && !isLocalDate(flags.sourcePublished)) {
          throw new UsageError(
            `--source-published must be a date written YYYY-MM-DD, got "${flags.sourcePublished}"`,
          );
        }
        readable(file);
        const source = fileSource(file);
        const reading = progress('reading');
        await withContext(configFrom(flags), async (ctx) => {
          const result = await importHxl(ctx.store, CLI, ctx, source, {
            kind: flags.kind as HxlKind,
            classification: classificationOf(flags.classification),
            fileName: source.name ?? file,
            source: {
              organisation: flags.sourceOrganisation,
              title: flags.sourceTitle,
              url: flags.sourceUrl,
              published: flags.sourcePublished,
            },
            onRead: (read, total) => reading(read, total ?? read),
            onWrite: progress('writing'),
          });
          summary(file, result);
        });
      },
    );

  imp
    .command('dtm')
    .description('import IOM DTM data as the DTM API returns it ({"result": [...]})')
    .argument('<file>', 'the JSON file')
    .option('--classification <level>', `${CLASSIFICATION_LEVELS.join(', ')} (default: public)`)
    .option('--source-url <url>', 'where the data was downloaded from')
    .option('--db <file>')
    .action(async (file: string, flags: ImportFlags) => {
      readable(file);
      let answer: unknown;
      try {
        answer = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
      }
      await withContext(configFrom(flags), async (ctx) => {
        const result = await importDtmJson(ctx.store, CLI, ctx, answer, {
          classification: classificationOf(flags.classification),
          fileName: file,
          sourceUrl: flags.sourceUrl,
          onWrite: progress('writing'),
        });
        summary(file, result);
      });
    });
}
