// An XLSX file is a ZIP archive whose xl/workbook.xml lists the sheets in order. Reading
// that one entry in the browser finds the sheets of a workbook whose first sheet the server
// could not read, when the upload returned an error and no sheet names.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const WORKBOOK_ENTRY = "xl/workbook.xml";
const STORED = 0;
const DEFLATED = 8;
// The end record is 22 bytes, followed by a comment of at most 65,535 bytes.
const MAX_END_RECORD_DISTANCE = 22 + 0xffff;

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - MAX_END_RECORD_DISTANCE);
  for (let offset = view.byteLength - 22; offset >= lowest; offset -= 1) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error("Not a ZIP archive: no end of central directory record.");
}

type ZipEntry = { method: number; compressedSize: number; localHeaderOffset: number };

function findEntry(view: DataView, name: string): ZipEntry {
  const end = findEndOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();

  for (let index = 0; index < count; index += 1) {
    if (view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new Error(`Corrupt ZIP archive: no central directory entry at byte ${offset}.`);
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const entryName = decoder.decode(new Uint8Array(view.buffer, view.byteOffset + offset + 46, nameLength));
    if (entryName === name) {
      return { method: view.getUint16(offset + 10, true), compressedSize: view.getUint32(offset + 20, true), localHeaderOffset: view.getUint32(offset + 42, true) };
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`Not an XLSX workbook: the archive has no ${name}.`);
}

async function readEntry(buffer: ArrayBuffer, entry: ZipEntry): Promise<string> {
  const view = new DataView(buffer);
  if (view.getUint32(entry.localHeaderOffset, true) !== LOCAL_FILE_HEADER) {
    throw new Error(`Corrupt ZIP archive: no local file header at byte ${entry.localHeaderOffset}.`);
  }
  const dataOffset = entry.localHeaderOffset + 30 + view.getUint16(entry.localHeaderOffset + 26, true) + view.getUint16(entry.localHeaderOffset + 28, true);
  const data = new Uint8Array(buffer, dataOffset, entry.compressedSize);

  if (entry.method === STORED) {
    return new TextDecoder().decode(data);
  }
  if (entry.method !== DEFLATED) {
    throw new Error(`Unsupported ZIP compression method ${entry.method} for ${WORKBOOK_ENTRY}.`);
  }
  const compressed = new Response(data).body;
  if (!compressed) {
    throw new Error(`Empty ${WORKBOOK_ENTRY} in the ZIP archive.`);
  }
  return new Response(compressed.pipeThrough(new DecompressionStream("deflate-raw"))).text();
}

/** Return the sheet names of an XLSX file in workbook order; throws when the file is not a readable workbook. */
export async function listWorkbookSheets(file: Blob): Promise<string[]> {
  const buffer = await file.arrayBuffer();
  const xml = await readEntry(buffer, findEntry(new DataView(buffer), WORKBOOK_ENTRY));
  const workbook = new DOMParser().parseFromString(xml, "application/xml");
  if (workbook.getElementsByTagName("parsererror").length > 0) {
    throw new Error(`Not an XLSX workbook: ${WORKBOOK_ENTRY} is not well-formed XML.`);
  }
  return [...workbook.getElementsByTagNameNS("*", "sheet")].map((sheet) => sheet.getAttribute("name") ?? "").filter((name) => name !== "");
}
