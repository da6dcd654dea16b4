/**
 * The member app's icons, drawn here and written to web/member/public (the outputs are committed; run
 * `npm run icons` after changing the drawing): icon.svg (favicon), icon-192.png and icon-512.png
 * (manifest, rounded), icon-maskable-512.png (manifest, full bleed, the sign inside the central 80 %
 * circle that launchers may crop to) and apple-touch-icon.png (180 × 180, opaque: iOS rounds it itself).
 * The sign 工 is three rectangles, not a font glyph, so the PNGs do not depend on the machine's fonts.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const red = '#d4380d';
const outDir = path.resolve(import.meta.dirname, '../member/public');

/** 工 on a 512 × 512 canvas, scaled by `scale` about the centre. */
function sign(scale: number): string {
  const bars = [
    { x: 136, y: 140, w: 240, h: 48 }, // top stroke
    { x: 232, y: 140, w: 48, h: 240 }, // stem
    { x: 96, y: 332, w: 320, h: 48 }, // bottom stroke
  ];
  const box = { cx: 256, cy: 260 };
  return bars
    .map((b) => {
      const x = box.cx + (b.x - box.cx) * scale;
      const y = box.cy + (b.y - box.cy) * scale + (256 - box.cy);
      return `<rect x="${x}" y="${y}" width="${b.w * scale}" height="${b.h * scale}" rx="${6 * scale}" fill="#fff"/>`;
    })
    .join('');
}

function svg({ rounded, scale }: { rounded: boolean; scale: number }): string {
  const background = rounded
    ? `<rect width="512" height="512" rx="112" fill="${red}"/>`
    : `<rect width="512" height="512" fill="${red}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}${sign(scale)}</svg>\n`;
}

async function png(file: string, source: string, size: number): Promise<void> {
  await sharp(Buffer.from(source), { density: 72 * (size / 512) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(path.join(outDir, file));
}

const icon = svg({ rounded: true, scale: 1 });
// Maskable: the safe zone is a circle of radius 0.4 × 512 = 205; the sign's half-diagonal at 0.8 is 160.
const maskable = svg({ rounded: false, scale: 0.8 });
fs.writeFileSync(path.join(outDir, 'icon.svg'), icon);
await png('icon-192.png', icon, 192);
await png('icon-512.png', icon, 512);
await png('icon-maskable-512.png', maskable, 512);
await png('apple-touch-icon.png', svg({ rounded: false, scale: 0.9 }), 180);
console.log(`icons written to ${outDir}`);
