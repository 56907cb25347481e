import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

/**
 * Keyboard coordinates for the kanban: Left and Right jump the dragged card to the
 * centre of the neighbouring column instead of moving it a few pixels, so a keyboard
 * user reaches any stage in one key press per column.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const { droppableRects, collisionRect } = context;
  if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") {
    return undefined;
  }
  event.preventDefault();

  const columns = [...droppableRects.values()].sort((a, b) => a.left - b.left);
  if (columns.length === 0 || !collisionRect) {
    return currentCoordinates;
  }
  const centreX = collisionRect.left + collisionRect.width / 2;
  const currentIndex = columns.findIndex((rect) => centreX >= rect.left && centreX <= rect.left + rect.width);
  const step = event.code === "ArrowRight" ? 1 : -1;
  const target = columns[Math.min(columns.length - 1, Math.max(0, (currentIndex === -1 ? 0 : currentIndex) + step))];
  if (!target) {
    return currentCoordinates;
  }

  // Coordinates are the drag origin's top-left; shift it so the card's centre lands mid-column.
  return {
    x: target.left + target.width / 2 - collisionRect.width / 2,
    y: currentCoordinates.y,
  };
};
