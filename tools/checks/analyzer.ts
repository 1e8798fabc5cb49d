/**
 * Salesforce Code Analyzer's PMD security and best-practice rules find nothing high or
 * critical in the Apex and LWC code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { add, type Context } from './context';

/**
 * PMD's JavaScript parser predates ES modules and reports every module-level `const` as a
 * global variable; the LWC JavaScript is checked by ESLint (@salesforce/eslint-config-lwc)
 * and the platform compiler instead.
 */
const ANALYZER_FALSE_POSITIVES = new Set(['GlobalVariable']);

export async function runAnalyzer(project: string) {
    const core = await import('@salesforce/code-analyzer-core');
    const pmd = await import('@salesforce/code-analyzer-pmd-engine');
    const analyzer = new core.CodeAnalyzer(core.CodeAnalyzerConfig.withDefaults());
    await analyzer.addEnginePlugin(pmd.createEnginePlugin());
    const source = join(project, 'force-app', 'main', 'default');
    const workspace = await analyzer.createWorkspace([join(source, 'classes'), join(source, 'lwc')].filter(existsSync));
    const rules = await analyzer.selectRules(['pmd:Security', 'pmd:BestPractices'], { workspace });
    const results = await analyzer.run(rules, { workspace });
    return results.getViolations().map((v) => ({
        rule: v.getRule().getName(),
        severity: v.getRule().getSeverityLevel() as number,
        file: v.getPrimaryLocation().getFile() ?? '',
        line: v.getPrimaryLocation().getStartLine() ?? 0,
        message: v.getMessage()
    }));
}

export async function checkAnalyzer(ctx: Context): Promise<void> {
    try {
        for (const v of await runAnalyzer(ctx.project)) {
            // Severity 1 is critical and 2 high; 3 to 5 are moderate, low and info.
            if (v.severity <= 2 && !ANALYZER_FALSE_POSITIVES.has(v.rule)) {
                add(ctx, 'analyzer', v.file, `line ${v.line}: ${v.rule} (severity ${v.severity}): ${v.message}`);
            }
        }
    } catch (error) {
        add(
            ctx,
            'analyzer',
            ctx.project,
            `Salesforce Code Analyzer could not run: its PMD engine needs Java 11 or later (Debian and Ubuntu: apt-get install default-jre-headless; macOS: brew install openjdk), or leave this check out with npm run validate -- --skip analyzer. ${(error as Error).message}`
        );
    }
}
