// Reading the kiosk's QR code from pixels (checkin/qr-reader.ts): a real code drawn by the kiosk's
// own encoder (lean-qr, checkin-code/qr-image.ts) is read back by the fallback decoder in every
// engine, and the browser's BarcodeDetector is used only where it reads QR codes.
import { expect } from '@open-wc/testing';
import { drawQr } from '../checkin-code/qr-image.js';
import { createQrReader, fallbackQrReader, nativeQrDetector, type Frame } from './qr-reader.js';

const PAYLOAD = 'vkci1.shf_morning001.59366880.AbCdEfGhIjKlMnOp';

/** The kiosk's drawing, scaled up without smoothing as a camera would see it (8 px a module), as pixels. */
function kioskFrame(payload: string): Frame {
  const small = document.createElement('canvas');
  drawQr(small, payload);
  const big = document.createElement('canvas');
  big.width = small.width * 8;
  big.height = small.height * 8;
  const context = big.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.drawImage(small, 0, 0, big.width, big.height);
  return context.getImageData(0, 0, big.width, big.height);
}

function blankFrame(): Frame {
  const canvas = document.createElement('canvas');
  canvas.width = 200;
  canvas.height = 200;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 200, 200);
  return context.getImageData(0, 0, 200, 200);
}

describe('qr-reader', () => {
  it('reads the kiosk\'s QR code with the fallback decoder', async () => {
    const reader = await fallbackQrReader();
    expect(reader.engine).to.equal('fallback');
    expect(await reader.read(kioskFrame(PAYLOAD))).to.equal(PAYLOAD);
  });

  it('answers null for a frame without a code, rather than throwing', async () => {
    const reader = await fallbackQrReader();
    expect(await reader.read(blankFrame())).to.equal(null);
  });

  it('uses BarcodeDetector only where it reads QR codes; else the fallback', async () => {
    const detected: unknown[] = [];
    class Detector {
      static formats = ['qr_code'];
      static getSupportedFormats = async () => Detector.formats;
      constructor(readonly options: { formats: string[] }) {}
      detect = async (image: ImageData) => {
        detected.push(image);
        return [{ rawValue: 'from the browser' }];
      };
    }
    const native = await createQrReader({ BarcodeDetector: Detector });
    expect(native.engine).to.equal('native');
    expect(await native.read(blankFrame())).to.equal('from the browser');
    expect(detected[0]).to.be.instanceOf(ImageData);

    Detector.formats = ['ean_13'];
    expect(await nativeQrDetector({ BarcodeDetector: Detector }), 'a detector without qr_code').to.equal(null);
    expect((await createQrReader({ BarcodeDetector: Detector })).engine).to.equal('fallback');
    expect((await createQrReader({})).engine, 'no BarcodeDetector at all').to.equal('fallback');
  });
});
