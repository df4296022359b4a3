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
  fields: Partial<Record<string, string>>;
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
  } catch (error: unknown) {
    await cleanup();
    throw error;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function receive(req: Request, dir: string, maxBytes: number): Promise<{ files: { name: string; path: string }[]; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 50, fields: 20 } });
    } catch (error: unknown) {
      reject(invalid(`the multipart body cannot be read: ${messageOf(error)}`));
      return;
    }
    const files: { name: string; path: string }[] = [];
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let failed: Error | undefined;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_field, stream, info) => {
      // A part without a file name (a file input left empty) carries no file.
      const { filename } = info as { filename?: string };
      const name = basename((filename ?? '').replace(/\\/g, '/'));
      if (!name) {
        stream.resume();
        return;
      }
      const path = join(dir, `${files.length.toString()}-${name.replace(/[^\w.-]/g, '_')}`);
      files.push({ name, path });
      stream.on('limit', () => {
        failed ??= invalid(`${name} is larger than ${maxBytes.toString()} bytes`);
      });
      writes.push(pipeline(stream, createWriteStream(path)));
    });
    parser.on('error', (error: unknown) => {
      reject(invalid(`the multipart body cannot be read: ${messageOf(error)}`));
    });
    parser.on('close', () => {
      Promise.all(writes).then(
        () => {
          if (failed) reject(failed);
          else resolve({ files, fields });
        },
        (error: unknown) => {
          reject(failed ?? (error instanceof Error ? error : new Error(messageOf(error))));
        },
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
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, file) => {
        if (error) reject(error);
        else resolve(file);
      });
    });
  } catch (error: unknown) {
    throw invalid(`${basename(path)} is not a readable zip: ${messageOf(error)}`);
  }
  const out: UploadedFile[] = [];
  let total = 0;
  let csvFiles = 0;
  await new Promise<void>((resolve, reject) => {
    const refuse = (message: string) => {
      reject(invalid(message));
    };
    zip.on('error', (error: Error) => {
      refuse(`the zip cannot be read: ${error.message}`);
    });
    zip.on('end', () => {
      resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = basename(entry.fileName);
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/') || name.startsWith('.') || !name.toLowerCase().endsWith('.csv')) {
        zip.readEntry();
        return;
      }
      if (entry.uncompressedSize > maxBytes) {
        refuse(`${name} in the zip is larger than ${maxBytes.toString()} bytes`);
        return;
      }
      total += entry.uncompressedSize;
      csvFiles += 1;
      if (csvFiles > MAX_ZIP_CSV_FILES) {
        refuse(`the zip holds more than ${MAX_ZIP_CSV_FILES.toString()} CSV files; a roster bundle has about a dozen`);
        return;
      }
      if (total > 4 * maxBytes) {
        refuse(`the CSV files in the zip add up to more than ${(4 * maxBytes).toString()} bytes`);
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          refuse(`${name} in the zip cannot be read: ${error.message}`);
          return;
        }
        const target = join(dir, `zip-${out.length.toString()}-${name.replace(/[^\w.-]/g, '_')}`);
        pipeline(stream, createWriteStream(target)).then(
          () => {
            out.push({ name, open: () => createReadStream(target) });
            zip.readEntry();
          },
          (e: unknown) => {
            refuse(`${name} in the zip cannot be read: ${messageOf(e)}`);
          },
        );
      });
    });
    zip.readEntry();
  });
  return out;
}
