// The readability check of the browser tests: run in the page, it reports what a person
// could not read well in the page's colour scheme.
import type { Page } from "playwright-core";

/**
 * Text that does not stand out enough from what it sits on (WCAG 1.4.3: 4.5:1, 3:1 for large
 * text), field borders under 3:1 (1.4.11), and the page's background when it is not the
 * scheme's (a dark page in the light scheme or the reverse). Disabled controls are exempt.
 */
export function readabilityProblems(page: Page, scheme: "light" | "dark") {
  return page.evaluate((scheme) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = /rgba?\(([^)]+)\)/
        .exec(css)?.[1]
        ?.split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      if (!parts || parts.length < 3) throw new Error(`Unexpected colour ${css}`);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    /** The colour behind an element: its own and its ancestors' backgrounds, laid over each other. */
    const backgroundOf = (element: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let at = element; at; at = at.parentElement) {
        const layer = parse(getComputedStyle(at).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] === 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const exempt = (element: Element) =>
      element.closest("[disabled], [aria-disabled=true]") !== null ||
      !element.checkVisibility({ opacityProperty: true, visibilityProperty: true });

    const problems: string[] = [];
    const canvas = backgroundOf(document.body);
    if (luminance(canvas) > 0.5 !== (scheme === "light"))
      problems.push(`the page's background rgb(${canvas.slice(0, 3).join(",")}) in the ${scheme} scheme`);

    const texts = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node.textContent?.trim() && node.parentElement) texts.add(node.parentElement);
    for (const element of document.querySelectorAll("input:not([type=hidden]), select")) texts.add(element);
    for (const element of texts) {
      if (element.closest("script, style, noscript, option") || exempt(element)) continue;
      const style = getComputedStyle(element);
      const background = backgroundOf(element);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const contrast = ratio(over(parse(style.color), background), background);
      if (contrast < (large ? 3 : 4.5))
        problems.push(
          `"${(element.textContent || (element as HTMLInputElement).value || element.tagName).trim().slice(0, 40)}" ${contrast.toFixed(2)}:1`,
        );
    }
    for (const field of document.querySelectorAll("input:not([type=hidden]), select")) {
      if (exempt(field)) continue;
      const border = over(parse(getComputedStyle(field).borderTopColor), backgroundOf(field.parentElement));
      const contrast = ratio(border, backgroundOf(field.parentElement));
      if (contrast < 3) problems.push(`the border of ${field.id || field.tagName} ${contrast.toFixed(2)}:1`);
    }
    return problems;
  }, scheme);
}
