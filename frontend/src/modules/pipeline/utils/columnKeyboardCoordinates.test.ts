import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

import { columnKeyboardCoordinates } from "./columnKeyboardCoordinates";

type Context = Parameters<KeyboardCoordinateGetter>[1]["context"];

function rect(left: number) {
  return { left, top: 0, width: 200, height: 400, right: left + 200, bottom: 400 };
}

function press(code: string, cardLeft: number) {
  const event = new KeyboardEvent("keydown", { code, cancelable: true });
  const context = {
    droppableRects: new Map([
      ["a", rect(0)],
      ["b", rect(220)],
      ["c", rect(440)],
    ]),
    collisionRect: { ...rect(cardLeft), width: 180, right: cardLeft + 180 },
  } as unknown as Context;
  return columnKeyboardCoordinates(event, { active: "card", currentCoordinates: { x: cardLeft, y: 50 }, context });
}

describe("columnKeyboardCoordinates", () => {
  it("should jump to the next column", () => {
    expect(press("ArrowRight", 10)).toEqual({ x: 230, y: 50 });
  });

  it("should jump to the previous column", () => {
    expect(press("ArrowLeft", 450)).toEqual({ x: 230, y: 50 });
  });

  it("should stay in the last column", () => {
    expect(press("ArrowRight", 450)).toEqual({ x: 450, y: 50 });
  });

  it("should leave other keys to dnd-kit", () => {
    expect(press("ArrowDown", 10)).toBeUndefined();
  });
});
