import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { MAX_ZIP_CSV_FILES, unzip } from './multipart';

/** A zip of stored (uncompressed) entries, written by hand: enough for what a spec needs. */
function zipOf(entries: { name: string; content: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, content } of entries) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('roster zips', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zip-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (entries: { name: string; content: string }[]) => {
    const path = join(dir, 'upload.zip');
    writeFileSync(path, zipOf(entries));
    return path;
  };

  it('streams out the CSV files, folders flattened, resource forks and other files skipped', async () => {
    const files = await unzip(
      write([
        { name: 'bundle/users.csv', content: 'sourcedId\nu1\n' },
        { name: '__MACOSX/bundle/._users.csv', content: 'junk' },
        { name: 'bundle/readme.txt', content: 'hello' },
        { name: 'orgs.csv', content: 'sourcedId\no1\n' },
      ]),
      dir,
      1000,
    );
    expect(files.map((f) => f.name)).toEqual(['users.csv', 'orgs.csv']);
    const chunks: Buffer[] = [];
    for await (const chunk of files[0].open()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('sourcedId\nu1\n');
  });

  it(`refuses a zip of more than ${MAX_ZIP_CSV_FILES} CSV files`, async () => {
    const many = Array.from({ length: MAX_ZIP_CSV_FILES + 1 }, (_, i) => ({ name: `f${i}.csv`, content: 'a\n' }));
    await expect(unzip(write(many), dir, 1000)).rejects.toMatchObject({
      details: [{ field: 'files', message: expect.stringContaining(`more than ${MAX_ZIP_CSV_FILES} CSV files`) }],
    });
  });

  it('refuses a file over the limit, and files that add up to more than four times it', async () => {
    await expect(unzip(write([{ name: 'users.csv', content: 'x'.repeat(101) }]), dir, 100)).rejects.toMatchObject({
      details: [{ field: 'files', message: expect.stringContaining('larger than 100 bytes') }],
    });
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.csv`, content: 'x'.repeat(90) }));
    await expect(unzip(write(five), dir, 100)).rejects.toMatchObject({
      details: [{ field: 'files', message: expect.stringContaining('add up to more than 400 bytes') }],
    });
  });

  it('refuses what is not a zip', async () => {
    const path = join(dir, 'upload.zip');
    writeFileSync(path, 'not a zip at all');
    await expect(unzip(path, dir, 1000)).rejects.toMatchObject({ details: [{ field: 'files', message: expect.stringContaining('is not a readable zip') }] });
    expect(readFileSync(path, 'utf8')).toBe('not a zip at all');
  });
});
