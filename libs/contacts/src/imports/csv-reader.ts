import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { FileEncoding } from '../data/import-file.entity';

export interface CsvRow {
  /** The record's number in the file, the header being 1 (the spreadsheet row when no field spans lines). */
  row: number;
  /** Field values by header name, header names trimmed and lower-cased (undefined: the file has no such column). */
  values: Partial<Record<string, string>>;
}

export interface CsvProblem {
  row: number;
  message: string;
}

/**
 * Reads a CSV stream record by record: UTF-8 with or without BOM, or Windows-1252 decoded; CRLF
 * or LF; quoted fields with commas, quotes and line breaks. A malformed record is reported through
 * `onProblem` and skipped; the rest of the file is read.
 */
export async function* readCsv(source: Readable, encoding: FileEncoding, onProblem: (problem: CsvProblem) => void): AsyncGenerator<CsvRow> {
  const text = encoding === 'windows-1252' ? source.pipe(iconv.decodeStream('win1252')) : source;
  const parser = text.pipe(
    parse({
      bom: true,
      columns: (header: string[]) =>
        header.map((name) =>
          name
            .replace(/^\uFEFF/, '')
            .trim()
            .toLowerCase(),
        ),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: (Error & { records?: number }) | undefined) => {
        onProblem({
          row: error?.records ? error.records + 2 : 0,
          message: `malformed CSV: ${error?.message ?? 'unreadable record'}`,
        });
        return undefined;
      },
    }),
  );
  source.on('error', (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { records: number } }>) {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) values[key] = value ?? '';
    yield { row: info.records + 1, values };
  }
}
