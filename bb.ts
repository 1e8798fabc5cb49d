import { browserBurst } from './bench/browserBurst';
browserBurst(Number(process.argv[2] ?? 2000)).then((r) => { console.log(JSON.stringify(r)); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
