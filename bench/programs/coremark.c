// A CoreMark-like integer mix (written for Patina, not EEMBC's code): per iteration it sorts a
// linked list with merge sort, runs a number-scanning state machine over a text buffer, does
// small 16-bit matrix arithmetic, and folds everything into a CRC-16.
#include "common.h"

#define NODES 256
#define TEXT 1024
#define DIM 16

typedef struct Node {
  struct Node *next;
  int key;
  int value;
} Node;

static Node pool[NODES];
static char text[TEXT];
static short ma[DIM * DIM], mb[DIM * DIM];
static int mc[DIM * DIM];

static unsigned short crc16(unsigned short crc, u32 data, int bits) {
  for (int i = 0; i < bits; i++) {
    int bit = (data ^ crc) & 1;
    data >>= 1;
    crc >>= 1;
    if (bit) crc ^= 0xA001;
  }
  return crc;
}

static Node *merge(Node *a, Node *b) {
  Node head;
  Node *tail = &head;
  while (a && b) {
    if (a->key <= b->key) {
      tail->next = a;
      a = a->next;
    } else {
      tail->next = b;
      b = b->next;
    }
    tail = tail->next;
  }
  tail->next = a ? a : b;
  return head.next;
}

// Bottom-up merge sort of a list, by key.
static Node *sort_list(Node *list) {
  for (int width = 1;; width *= 2) {
    Node *result = 0, *tail = 0;
    int merges = 0;
    while (list) {
      Node *a = list;
      Node *p = a;
      for (int i = 1; i < width && p->next; i++) p = p->next;
      Node *b = p->next;
      p->next = 0;
      p = b;
      for (int i = 1; i < width && p && p->next; i++) p = p->next;
      if (p) {
        list = p->next;
        p->next = 0;
      } else {
        list = 0;
      }
      Node *m = merge(a, b);
      if (tail) tail->next = m; else result = m;
      while (tail ? tail->next : 0) tail = tail->next;
      if (!tail) for (tail = m; tail->next; tail = tail->next) {}
      merges++;
    }
    list = result;
    if (merges <= 1) return list;
  }
}

enum { START, INT, FRAC, EXP, EXP_SIGN, EXP_INT, BAD };

// Classifies whitespace-separated tokens as integers, decimals, scientific numbers or invalid.
static u32 scan(void) {
  u32 counts = 0;
  int state = START;
  for (int i = 0; i < TEXT; i++) {
    char c = text[i];
    if (c == ' ') {
      counts = counts * 7 + (u32)state;
      state = START;
      continue;
    }
    int digit = c >= '0' && c <= '9';
    switch (state) {
      case START: state = digit ? INT : (c == '-' || c == '+') ? INT : BAD; break;
      case INT: state = digit ? INT : c == '.' ? FRAC : (c == 'e' || c == 'E') ? EXP : BAD; break;
      case FRAC: state = digit ? FRAC : (c == 'e' || c == 'E') ? EXP : BAD; break;
      case EXP: state = (c == '-' || c == '+') ? EXP_SIGN : digit ? EXP_INT : BAD; break;
      case EXP_SIGN:
      case EXP_INT: state = digit ? EXP_INT : BAD; break;
      default: break;
    }
  }
  return counts;
}

static u32 matrix(short add) {
  for (int i = 0; i < DIM * DIM; i++) ma[i] = (short)(ma[i] + add);
  u32 sum = 0;
  for (int i = 0; i < DIM; i++) {
    for (int j = 0; j < DIM; j++) {
      int acc = 0;
      for (int k = 0; k < DIM; k++) acc += ma[i * DIM + k] * mb[k * DIM + j];
      mc[i * DIM + j] = acc;
      sum += (u32)(acc >> 2) & 0xFFF;
    }
  }
  return sum;
}

EXPORT int run(int n) {
  u32 seed = 0xC0FFEE;
  static const char alphabet[] = "0123456789.-+eE0123456789x";
  for (int i = 0; i < TEXT; i++) {
    u32 r = xorshift32(&seed);
    text[i] = (r % 5 == 0) ? ' ' : alphabet[r % (sizeof alphabet - 1)];
  }
  for (int i = 0; i < DIM * DIM; i++) {
    ma[i] = (short)(xorshift32(&seed) & 0xFF);
    mb[i] = (short)(xorshift32(&seed) & 0xFF);
  }
  unsigned short crc = 0;
  for (int iter = 0; iter < n; iter++) {
    Node *list = 0;
    for (int i = 0; i < NODES; i++) {
      pool[i].key = (int)(xorshift32(&seed) & 0xFFFF);
      pool[i].value = i;
      pool[i].next = list;
      list = &pool[i];
    }
    list = sort_list(list);
    u32 acc = 0;
    for (Node *p = list; p; p = p->next) acc = acc * 3 + (u32)p->value;
    crc = crc16(crc, acc, 32);
    crc = crc16(crc, scan(), 32);
    crc = crc16(crc, matrix((short)(iter & 7)), 32);
    text[iter % TEXT] = (char)('0' + iter % 10);
  }
  return crc;
}
