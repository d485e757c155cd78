package io.sipexporter.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * One socket's read buffer, taken from Netty's pool once and reused for every read. Netty asks its
 * channel's allocator for a fresh buffer on each read and releases it when the read's datagrams are
 * handled; a buffer larger than the pool's thread cache then goes back to its arena, and a chunk
 * left empty is freed and the next one allocated (and zeroed by the JDK): measured on the
 * exporter's event loop at 20k+ datagrams a second, that zeroing took most of the CPU. Here the
 * socket keeps its own reference to the buffer, so its chunk is never emptied, and every read of
 * the read size gets the same memory back once the previous read's datagrams are released (they
 * are, on the event loop, before the next read). Any other request, or a read while the buffer is
 * still held, goes to the pool.
 */
final class ReadBufferAllocator implements ByteBufAllocator {
  private final ByteBufAllocator pool = PooledByteBufAllocator.DEFAULT;
  private final int readSize;
  private final ByteBuf reused;

  ReadBufferAllocator(int readSize) {
    this.readSize = readSize;
    this.reused = pool.directBuffer(readSize, readSize);
  }

  /** Gives the buffer back to the pool once the socket is closed. */
  void close() {
    reused.release();
  }

  private ByteBuf read(int capacity) {
    if (capacity == readSize && reused.refCnt() == 1) {
      return reused.clear().retain(); // the caller's release brings it back to ours alone
    }
    return pool.directBuffer(capacity);
  }

  @Override
  public ByteBuf ioBuffer(int initialCapacity) {
    return read(initialCapacity);
  }

  @Override
  public ByteBuf directBuffer(int initialCapacity) {
    return read(initialCapacity);
  }

  @Override
  public ByteBuf buffer() {
    return pool.buffer();
  }

  @Override
  public ByteBuf buffer(int initialCapacity) {
    return pool.buffer(initialCapacity);
  }

  @Override
  public ByteBuf buffer(int initialCapacity, int maxCapacity) {
    return pool.buffer(initialCapacity, maxCapacity);
  }

  @Override
  public ByteBuf ioBuffer() {
    return pool.ioBuffer();
  }

  @Override
  public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
    return pool.ioBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public ByteBuf heapBuffer() {
    return pool.heapBuffer();
  }

  @Override
  public ByteBuf heapBuffer(int initialCapacity) {
    return pool.heapBuffer(initialCapacity);
  }

  @Override
  public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
    return pool.heapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public ByteBuf directBuffer() {
    return pool.directBuffer();
  }

  @Override
  public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
    return pool.directBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public CompositeByteBuf compositeBuffer() {
    return pool.compositeBuffer();
  }

  @Override
  public CompositeByteBuf compositeBuffer(int maxNumComponents) {
    return pool.compositeBuffer(maxNumComponents);
  }

  @Override
  public CompositeByteBuf compositeHeapBuffer() {
    return pool.compositeHeapBuffer();
  }

  @Override
  public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
    return pool.compositeHeapBuffer(maxNumComponents);
  }

  @Override
  public CompositeByteBuf compositeDirectBuffer() {
    return pool.compositeDirectBuffer();
  }

  @Override
  public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
    return pool.compositeDirectBuffer(maxNumComponents);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return true;
  }

  @Override
  public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
    return pool.calculateNewCapacity(minNewCapacity, maxCapacity);
  }
}
