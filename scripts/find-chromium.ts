import { defaultPlaces, findChromium } from './chromium';

// Runs before npm run test:e2e's build, so a machine without any Chromium learns it in one
// line, and the npm package's Chromium is unpacked before Playwright starts.
const labels = {
  playwright: "Playwright's own",
  system: "the system's",
  npm: 'the npm package @sparticuz/chromium',
  path: 'E2E_CHROMIUM',
};

findChromium(process.env.E2E_CHROMIUM, await defaultPlaces()).then(
  (found) =>
    console.log(
      `Chromium for the end-to-end tests: ${labels[found.source]}, ${found.executablePath}`,
    ),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
