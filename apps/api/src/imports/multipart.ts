import { DomainError } from '@porchlight/contracts';
import { UploadedFile } from '@porchlight/contacts';
import busboy from 'busboy';
import { Request } from 'express';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

export interface MultipartUpload {
  files: UploadedFile[];
  fields: Record<string, string>;
  /** Removes the temporary copies; call when done with `files`. */
  cleanup(): Promise<void>;
}

const invalid = (message: string) => new DomainError('invalid', 'validation failed', [{ field: 'files', message }]);

/**
 * Reads a multipart upload without holding it in memory: each file part streams to a temporary
 * file (and each CSV inside a zip is streamed out of it), so the use-case can stream them on
 * into Postgres. Files are known by their own names, whatever the form field is called.
 */
export async function readMultipart(req: Request, maxBytes: number): Promise<MultipartUpload> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw invalid('send the files as multipart/form-data');
  }
  const dir = await mkdtemp(join(tmpdir(), 'porchlight-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const parts = await receive(req, dir, maxBytes);
    const files: UploadedFile[] = [];
    for (const part of parts.files) {
      if (part.name.toLowerCase().endsWith('.zip')) files.push(...(await unzip(part.path, dir, maxBytes)));
      else files.push({ name: part.name, open: () => createReadStream(part.path) });
    }
    if (files.length === 0) throw invalid('no file was uploaded');
    return { files, fields: parts.fields, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function receive(req: Request, dir: string, maxBytes: number): Promise<{ files: { name: string; path: string }[]; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 50, fields: 20 } });
    } catch (error) {
      return reject(invalid(`the multipart body cannot be read: ${(error as Error).message}`));
    }
    const files: { name: string; path: string }[] = [];
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let failed: Error | undefined;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_field, stream, info) => {
      const name = basename((info.filename ?? '').replace(/\\/g, '/'));
      if (!name) return void stream.resume();
      const path = join(dir, `${files.length}-${name.replace(/[^\w.-]/g, '_')}`);
      files.push({ name, path });
      stream.on('limit', () => (failed ??= invalid(`${name} is larger than ${maxBytes} bytes`)));
      writes.push(pipeline(stream, createWriteStream(path)));
    });
    parser.on('error', (error) => reject(invalid(`the multipart body cannot be read: ${(error as Error).message}`)));
    parser.on('close', () => {
      Promise.all(writes).then(
        () => (failed ? reject(failed) : resolve({ files, fields })),
        (error) => reject(failed ?? error),
      );
    });
    req.pipe(parser);
  });
}

/** A OneRoster bundle has a dozen files; a zip with far more CSVs is not a roster. */
export const MAX_ZIP_CSV_FILES = 50;

/**
 * The CSV files of a zip (folders flattened, macOS resource forks skipped), streamed out to `dir`.
 * Each file is held to `maxBytes` and the whole bundle to four times that (yauzl checks the sizes a
 * zip declares against what it inflates), so a small zip cannot fill the disk.
 */
export async function unzip(path: string, dir: string, maxBytes: number): Promise<UploadedFile[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, file) => (error ? reject(error) : resolve(file))),
    );
  } catch (error) {
    throw invalid(`${basename(path)} is not a readable zip: ${(error as Error).message}`);
  }
  const out: UploadedFile[] = [];
  let total = 0;
  let csvFiles = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error) => reject(invalid(`the zip cannot be read: ${error.message}`)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = basename(entry.fileName);
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/') || name.startsWith('.') || !name.toLowerCase().endsWith('.csv')) {
        return zip.readEntry();
      }
      if (entry.uncompressedSize > maxBytes) return reject(invalid(`${name} in the zip is larger than ${maxBytes} bytes`));
      total += entry.uncompressedSize;
      csvFiles += 1;
      if (csvFiles > MAX_ZIP_CSV_FILES) return reject(invalid(`the zip holds more than ${MAX_ZIP_CSV_FILES} CSV files; a roster bundle has about a dozen`));
      if (total > 4 * maxBytes) return reject(invalid(`the CSV files in the zip add up to more than ${4 * maxBytes} bytes`));
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(invalid(`${name} in the zip cannot be read: ${error.message}`));
        const target = join(dir, `zip-${out.length}-${name.replace(/[^\w.-]/g, '_')}`);
        pipeline(stream, createWriteStream(target)).then(() => {
          out.push({ name, open: () => createReadStream(target) });
          zip.readEntry();
        }, (e) => reject(invalid(`${name} in the zip cannot be read: ${(e as Error).message}`)));
      });
    });
    zip.readEntry();
  });
  return out;
}
